"""The registration form's fields in five groups, and the way between them and the data.

``collect()`` reads the widgets into ``RegistrationData`` plus the problems only the form can see
(a date that is not a date, a village not picked from the list); ``show_problems`` puts each
problem's words under its field, for fields the person has finished with (or all, after Save).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldreg.domain.codes import ConsentMethod, FundingSource, Programme, Sex
from fieldreg.domain.problems import Problem, error
from fieldreg.domain.registration import Consent, NikOverride, RegistrationData
from fieldreg.domain.validation import CURRENT_NOTICE_VERSION
from ui.labels import consent_label, date_text, funding_label, sex_label
from ui.registration.heirs import HeirsTable
from ui.registration.inputs import (
    DateEdit,
    EnterMovesOn,
    MoneyEdit,
    OccupationPicker,
    TypedChoice,
    VillagePicker,
)
from ui.widgets import FieldBox, button, label, one_tab_stop, selectable, whole_list

if TYPE_CHECKING:
    from fieldreg.domain.nik import NikInfo
    from fieldreg.services.context import Context

GROUPS = ("identity", "address", "work", "heirs", "consent")
FIELD_GROUP = {
    "nik": "identity", "full_name": "identity", "birth_place": "identity",
    "birth_date": "identity", "sex": "identity", "mother_maiden_name": "identity",
    "kk_number": "identity", "nik_override": "identity",
    "village_code": "address", "street": "address", "rt": "address", "rw": "address",
    "phone": "address", "email": "address",
    "occupation_code": "work", "work_location": "work", "reported_income": "work",
    "programmes": "work", "funding_source": "work", "coverage_start": "work",
    "coverage_end": "work",
    "heirs": "heirs", "consent": "consent",
}
TEXT_FIELDS = ("nik", "full_name", "birth_place", "mother_maiden_name", "kk_number", "street",
               "rt", "rw", "phone", "email", "work_location")


def box_for(problem_field: str) -> str:
    head = problem_field.split(".")[0]
    return head if head in FIELD_GROUP else "nik"


def notice_text() -> str:
    return QCoreApplication.translate(
        "Notice",
        "<b>Why we ask.</b> The village government and the volunteer collect your data to "
        "register you in BPJS Ketenagakerjaan (work accident and death insurance, JKK and "
        "JKM), paid as shown above. <b>What.</b> Your NIK, name, date and place of birth, "
        "address, phone, occupation, income and your heirs. <b>Who sees it.</b> The district "
        "office and BPJS Ketenagakerjaan, only for this registration. <b>How long.</b> As long "
        "as the membership lasts; then it is deleted. <b>Your rights.</b> You may see, correct "
        "or withdraw your data at the village office or by calling 175. Data of children named "
        "as heirs is given with your consent as their parent or guardian.")


class RegistrationForm(QWidget):
    changed = Signal()
    override_requested = Signal(str)  # the mismatch words
    group_titles: dict[str, str]

    def __init__(self, ctx: Context, lang: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.lang = lang
        self.boxes: dict[str, FieldBox] = {}
        self.groups: dict[str, QGroupBox] = {}
        self.touched: set[str] = set()
        self._edited: set[str] = set()
        self.show_all = False
        self.consent_at: datetime | None = None
        self.loaded_consent: Consent | None = None
        self.override: NikOverride | None = None
        self._loading = False
        self.group_titles = {
            "identity": self.tr("Identity"), "address": self.tr("Address"),
            "work": self.tr("Work and contribution"), "heirs": self.tr("Heirs"),
            "consent": self.tr("Consent"),
        }
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 8, 0)
        lay.setSpacing(8)
        for g, build in (("identity", self._identity), ("address", self._address),
                         ("work", self._work), ("heirs", self._heirs),
                         ("consent", self._consent)):
            box = QGroupBox(self.group_titles[g].replace("&", "&&"))
            build(box)
            self.groups[g] = box
            lay.addWidget(box)
        lay.addStretch(1)

    # -- building -------------------------------------------------------------------------
    def _text(self, name: str, title: str, *, hint: str = "", required: bool = False,
              max_len: int = 100) -> QLineEdit:
        e = EnterMovesOn()
        e.setMaxLength(max_len)
        self._track(name, e)
        self.boxes[name] = FieldBox(title, e, hint=hint, required=required)
        return e

    def _track(self, name: str, e: QLineEdit) -> None:
        e.textEdited.connect(lambda _t, n=name: self._user_edit(n))
        e.editingFinished.connect(lambda n=name: self._left(n))

    def _user_edit(self, name: str, *, immediate: bool = False) -> None:
        if self._loading:
            return
        self._edited.add(name)
        if immediate:
            self.touched.add(name)
        self.changed.emit()

    def _left(self, name: str) -> None:
        if name in self._edited and name not in self.touched:
            self.touched.add(name)
            self.changed.emit()

    def _identity(self, box: QGroupBox) -> None:
        g = QGridLayout(box)
        g.setHorizontalSpacing(14)
        self.nik = self._text("nik", self.tr("NIK (16 digits, from the KTP)"), required=True,
                              max_len=24)
        self.nik.textChanged.connect(self._nik_changed)
        self.nik_info: NikInfo | None = None  # what the NIK in the field says, when valid
        read_row = QWidget()
        rl = QHBoxLayout(read_row)
        rl.setContentsMargins(0, 0, 0, 4)
        self.read_back = label("", "info", wrap=True)
        selectable(self.read_back)
        self.fill_from_nik = button(self.tr("Fill from the NIK"), flat=True,
                                    on_click=self.fill_from_nik_info)
        self.fill_from_nik.setToolTip(self.tr(
            "Fill in the date of birth and sex that the NIK says"))
        self.fill_from_nik.setEnabled(False)
        self.fill_from_nik.hide()
        self.fill_from_nik.setAutoDefault(True)  # Enter presses it, as Space does
        self.fill_from_nik.setProperty("enter_skips", True)  # Enter in a field goes past it
        rl.addWidget(self.read_back, 1)
        rl.addWidget(self.fill_from_nik, 0, Qt.AlignmentFlag.AlignTop)
        self.read_back_row = read_row
        read_row.hide()
        self.full_name = self._text("full_name", self.tr("Full name as on the KTP"),
                                    required=True)
        self.birth_place = self._text("birth_place", self.tr("Place of birth"), max_len=60)
        self.birth_date = DateEdit()
        self._track("birth_date", self.birth_date)
        self.boxes["birth_date"] = FieldBox(self.tr("Date of birth"), self.birth_date,
                                            required=True)
        sex_w = QWidget()
        sl = QHBoxLayout(sex_w)
        sl.setContentsMargins(0, 4, 0, 4)
        self.sex_group = QButtonGroup(self)
        self.sex_male = QRadioButton(sex_label(Sex.MALE))
        self.sex_female = QRadioButton(sex_label(Sex.FEMALE))
        for i, rb in enumerate((self.sex_male, self.sex_female)):
            self.sex_group.addButton(rb, i)
            sl.addWidget(rb)
        sl.addStretch(1)
        one_tab_stop(self.sex_group)
        self.sex_group.buttonClicked.connect(lambda _b: self._user_edit("sex", immediate=True))
        self.sex_group.buttonToggled.connect(lambda _b, _on: self._update_fill_from_nik())
        self.birth_date.textChanged.connect(lambda _t: self._update_fill_from_nik())
        self.boxes["sex"] = FieldBox(self.tr("Sex"), sex_w, required=True)
        self.boxes["sex"].title.setBuddy(self.sex_male)
        self.mother = self._text("mother_maiden_name", self.tr("Mother's maiden name"),
                                 hint=self.tr("BPJS uses it to confirm identity."))
        self.kk = self._text("kk_number", self.tr("Family card number (KK)"), max_len=24)
        g.addWidget(self.boxes["nik"], 0, 0)
        g.addWidget(read_row, 1, 0, 1, 3)  # added before the name: Tab goes NIK → fill
        g.addWidget(self.boxes["full_name"], 0, 1, 1, 2)
        g.addWidget(self.boxes["birth_place"], 2, 0)
        g.addWidget(self.boxes["birth_date"], 2, 1)
        g.addWidget(self.boxes["sex"], 2, 2)
        g.addWidget(self.boxes["mother_maiden_name"], 3, 0)
        g.addWidget(self.boxes["kk_number"], 3, 1)
        ov = QWidget()
        ol = QHBoxLayout(ov)
        ol.setContentsMargins(0, 0, 0, 0)
        self.override_label = label("", "warning", wrap=True)
        self.override_button = button(self.tr("The KTP really differs? Supervisor override…"),
                                      flat=True, on_click=self._ask_override)
        self.override_clear = button(self.tr("Remove override"), flat=True,
                                     on_click=self._clear_override)
        ol.addWidget(self.override_label, 1)
        ol.addWidget(self.override_button)
        ol.addWidget(self.override_clear)
        self.override_row = ov
        g.addWidget(ov, 4, 0, 1, 3)
        ov.hide()
        for c in range(3):
            g.setColumnStretch(c, 1)

    def _address(self, box: QGroupBox) -> None:
        from fieldreg.domain.regions import get_regions

        regions = get_regions()
        g = QGridLayout(box)
        g.setHorizontalSpacing(14)
        home = regions.regency(self.ctx.regency_code)
        self.regency = QLineEdit(home.display_name if home else self.ctx.regency_code)
        self.regency.setReadOnly(True)
        self.regency.setFocusPolicy(self.regency.focusPolicy().NoFocus)
        self.district = whole_list(TypedChoice())
        self.district.addItem(self.tr("— all kecamatan —"), "")
        for d in regions.districts_of(self.ctx.regency_code):
            self.district.addItem(d.display_name, d.code)
        # typed too: a name that is no kecamatan changes nothing
        self.district.edit.setPlaceholderText(self.district.itemText(0))
        self.district.finished.connect(self._district_typed)
        self.district.currentIndexChanged.connect(self._district_changed)
        self.district.currentIndexChanged.connect(lambda _i: self._district_text())
        self._district_text()
        self.village = VillagePicker(self.ctx.regency_code)
        self._track("village_code", self.village)
        self.village.picked.connect(self._village_picked)
        self.boxes["regency"] = FieldBox(self.tr("Regency"), self.regency)
        self.boxes["district"] = FieldBox(self.tr("Kecamatan"), self.district)
        self.boxes["village_code"] = FieldBox(self.tr("Village (desa/kelurahan)"), self.village,
                                              required=True)
        self.street = self._text("street", self.tr("Street or dusun"), max_len=120)
        self.rt = self._text("rt", self.tr("RT"), max_len=3)
        self.rw = self._text("rw", self.tr("RW"), max_len=3)
        self.rt.setMaximumWidth(90)
        self.rw.setMaximumWidth(90)
        self.phone = self._text("phone", self.tr("Mobile phone"), max_len=24,
                                hint=self.tr("For example 0812-3456-7890. A family may share."))
        self.email = self._text("email", self.tr("E-mail (if any)"), max_len=120)
        g.addWidget(self.boxes["regency"], 0, 0)
        g.addWidget(self.boxes["district"], 0, 1)
        g.addWidget(self.boxes["village_code"], 0, 2, 1, 2)
        g.addWidget(self.boxes["street"], 1, 0, 1, 2)
        g.addWidget(self.boxes["rt"], 1, 2)
        g.addWidget(self.boxes["rw"], 1, 3)
        g.addWidget(self.boxes["phone"], 2, 0, 1, 2)
        g.addWidget(self.boxes["email"], 2, 2, 1, 2)
        for c in range(4):
            g.setColumnStretch(c, 1)

    def _work(self, box: QGroupBox) -> None:
        g = QGridLayout(box)
        g.setHorizontalSpacing(14)
        self.occupation = OccupationPicker(self.lang)
        self._track("occupation_code", self.occupation)
        self.occupation.picked.connect(lambda _c: self._user_edit("occupation_code",
                                                                  immediate=True))
        self.boxes["occupation_code"] = FieldBox(self.tr("Occupation"), self.occupation,
                                                 required=True)
        self.work_location = self._text("work_location", self.tr("Work location"),
                                        max_len=120)
        self.income = MoneyEdit()
        self._track("reported_income", self.income)
        self.boxes["reported_income"] = FieldBox(
            self.tr("Income per month (Rp)"), self.income,
            hint=self.tr("Empty: the lowest bracket (Rp1.000.000)."))
        prog = QWidget()
        pl = QHBoxLayout(prog)
        pl.setContentsMargins(0, 4, 0, 4)
        fixed = QCheckBox("JKK + JKM")
        fixed.setChecked(True)
        fixed.setEnabled(False)
        fixed.setToolTip(self.tr("Work accident and death: always included."))
        self.jht = QCheckBox(self.tr("+ JHT (savings)"))
        self.jht.toggled.connect(lambda _on: self._user_edit("programmes", immediate=True))
        pl.addWidget(fixed)
        pl.addWidget(self.jht)
        pl.addStretch(1)
        self.boxes["programmes"] = FieldBox(self.tr("Programmes"), prog)
        self.boxes["programmes"].title.setBuddy(self.jht)
        self.funding = whole_list(QComboBox())
        self.funding.addItem(self.tr("— who pays? —"), "")
        for f in FundingSource:
            self.funding.addItem(funding_label(f), f.value)
        self.funding.currentIndexChanged.connect(
            lambda _i: self._user_edit("funding_source", immediate=True))
        self.boxes["funding_source"] = FieldBox(self.tr("Who pays the contribution"),
                                                self.funding, required=True)
        self.start = DateEdit()
        self._track("coverage_start", self.start)
        self.end = DateEdit()
        self._track("coverage_end", self.end)
        self.boxes["coverage_start"] = FieldBox(self.tr("Coverage from"), self.start,
                                                required=True)
        self.boxes["coverage_end"] = FieldBox(
            self.tr("Coverage until"), self.end,
            hint=self.tr("Needed when the government or a company pays."))
        self.quote_label = label("", "info", wrap=True)
        g.addWidget(self.boxes["occupation_code"], 0, 0, 1, 2)
        g.addWidget(self.boxes["work_location"], 0, 2, 1, 2)
        g.addWidget(self.boxes["reported_income"], 1, 0)
        g.addWidget(self.boxes["programmes"], 1, 1)
        g.addWidget(self.boxes["funding_source"], 1, 2, 1, 2)
        g.addWidget(self.boxes["coverage_start"], 2, 0)
        g.addWidget(self.boxes["coverage_end"], 2, 1)
        g.addWidget(self.quote_label, 2, 2, 1, 2)
        for c in range(4):
            g.setColumnStretch(c, 1)

    def _heirs(self, box: QGroupBox) -> None:
        v = QVBoxLayout(box)
        v.addWidget(label(self.tr(
            "JKM benefits are paid to the heirs: spouse or children first, then parents."),
            "hint", wrap=True))
        self.heirs = HeirsTable()
        self.heirs.changed.connect(lambda: self._user_edit("heirs", immediate=True))
        v.addWidget(self.heirs)
        self.boxes["heirs"] = FieldBox("", QWidget())
        self.boxes["heirs"].hide()

    def _consent(self, box: QGroupBox) -> None:
        v = QVBoxLayout(box)
        v.addWidget(label(self.tr("Read this notice to the worker (version {0}):").format(
            CURRENT_NOTICE_VERSION), "fieldlabel"))
        notice = QTextBrowser()
        notice.setHtml(notice_text())
        notice.setMaximumHeight(118)
        notice.setFocusPolicy(notice.focusPolicy().NoFocus)
        v.addWidget(notice)
        mw = QWidget()
        ml = QHBoxLayout(mw)
        ml.setContentsMargins(0, 0, 0, 0)
        self.method_group = QButtonGroup(self)
        self.method_screen = QRadioButton(consent_label(ConsentMethod.SCREEN))
        self.method_paper = QRadioButton(consent_label(ConsentMethod.PAPER))
        self.method_screen.setChecked(True)
        for i, rb in enumerate((self.method_screen, self.method_paper)):
            self.method_group.addButton(rb, i)
            ml.addWidget(rb)
        ml.addStretch(1)
        one_tab_stop(self.method_group)
        v.addWidget(mw)
        self.consent = QCheckBox(self.tr(
            "The worker has heard the notice and agrees (without this the record stays a "
            "draft)"))
        self.consent.toggled.connect(self._consent_toggled)
        self.boxes["consent"] = FieldBox("", self.consent)
        self.boxes["consent"].title.hide()
        v.addWidget(self.boxes["consent"])

    # -- reactions ------------------------------------------------------------------------
    def _consent_toggled(self, on: bool) -> None:
        self.consent_at = self.ctx.clock().replace(microsecond=0) if on else None
        self._user_edit("consent", immediate=True)

    def _district_typed(self) -> None:
        """The kecamatan whose name was typed (whole, or a part only one name has); else the
        one chosen before comes back."""
        typed = " ".join(self.district.edit.text().split()).casefold()
        names = [" ".join(self.district.itemText(i).split()).casefold()
                 for i in range(self.district.count())]
        i = self.district.currentIndex()
        if not typed:
            i = 0
        elif typed in names:
            i = names.index(typed)
        else:
            hits = [j for j, n in enumerate(names) if j and typed in n]
            if len(hits) == 1:
                i = hits[0]
        if i != self.district.currentIndex():
            self.district.setCurrentIndex(i)
        self._district_text()

    def _district_text(self) -> None:
        """The chosen kecamatan's name in the box; none (the grey "all") for all of them, so
        that a name is typed into an empty box."""
        i = self.district.currentIndex()
        want = self.district.itemText(i) if i > 0 else ""
        if self.district.edit.text() != want:
            self.district.edit.setText(want)

    def _district_changed(self) -> None:
        code = self.district.currentData() or self.ctx.regency_code
        self.village.scope = code
        cur = self.village.code()
        if not self._loading and cur and self.district.currentData() and \
                not cur.startswith(str(self.district.currentData()) + "."):
            self.village.set_code("")

    def _village_picked(self, code: str) -> None:
        d = code[:8]
        i = self.district.findData(d)
        if i >= 0 and self.district.currentIndex() != i:
            self.district.blockSignals(True)
            self.district.setCurrentIndex(i)
            self.village.scope = d
            self.district.blockSignals(False)
        self._user_edit("village_code", immediate=True)

    def _nik_changed(self, text: str) -> None:
        """The read-back describes the NIK in the field now, or nothing: it is redone on every
        change (typed, cleared, a new form, a record opened) and never outlives its NIK."""
        from fieldreg.domain.nik import normalize_digits, parse_nik
        from fieldreg.domain.regions import get_regions

        digits = normalize_digits(text)
        info = None
        if len(digits) == 16 and digits.isdigit():
            info, _ = parse_nik(digits, today=self.ctx.today_fn(), regions=get_regions())
        self.nik_info = info
        if info is None:
            self.read_back.setText("")
            self.read_back_row.hide()
            self._update_fill_from_nik()
            return
        regions = get_regions()
        prov, reg, dist = regions.from_nik_prefix(digits)
        place = ", ".join(x for x in (
            (self.tr("Kec.") + " " + dist.display_name) if dist else "",
            reg.display_name if reg else "", prov.display_name if prov else "") if x)
        self.read_back.setText(self.tr("The NIK says: born {0} · {1} · issued in {2}").format(
            date_text(info.birth_date), sex_label(info.sex), place or "?"))
        self.read_back_row.show()
        self._update_fill_from_nik()

    def _sex(self) -> Sex | None:
        return (Sex.MALE if self.sex_male.isChecked() else
                Sex.FEMALE if self.sex_female.isChecked() else None)

    def _update_fill_from_nik(self) -> None:
        """"Fill from the NIK" only when the NIK is valid and says something else than what is
        filled in (an unreadable date counts as something else)."""
        info = self.nik_info
        on = False
        if info is not None:
            try:
                born = self.birth_date.value()
            except ValueError:
                born = None
            on = born != info.birth_date or self._sex() is not info.sex
        self.fill_from_nik.setEnabled(on)
        self.fill_from_nik.setVisible(on)  # a link drawn grey is still read as one

    def fill_from_nik_info(self) -> None:
        """Date of birth and sex from the NIK, in one step."""
        info = self.nik_info
        if info is None:
            return
        had_focus = self.fill_from_nik.hasFocus()
        self.birth_date.set_value(info.birth_date)
        self.sex_group.setExclusive(False)
        self.sex_male.setChecked(info.sex is Sex.MALE)
        self.sex_female.setChecked(info.sex is Sex.FEMALE)
        self.sex_group.setExclusive(True)
        self._user_edit("birth_date", immediate=True)
        self._user_edit("sex", immediate=True)
        if had_focus:  # the button is off now: on to the next field to type
            (self.birth_place if not self.birth_place.text() else self.mother).setFocus()

    def _ask_override(self) -> None:
        words = [b.problem_text for n, b in self.boxes.items() if n in ("birth_date", "sex")]
        self.override_requested.emit("\n".join(w for w in words if w))

    def set_override(self, reason: str, supervisor: str) -> None:
        self.override = NikOverride(reason=reason, supervisor=supervisor,
                                    at=self.ctx.clock().replace(microsecond=0))
        self._user_edit("nik_override", immediate=True)

    def _clear_override(self) -> None:
        self.override = None
        self._user_edit("nik_override", immediate=True)
    # (collect / set / snapshot / show_problems live in form_io.py to keep files short)


def consent_for(form: RegistrationForm) -> Consent | None:
    if not form.consent.isChecked():
        return None
    method = ConsentMethod.PAPER if form.method_paper.isChecked() else ConsentMethod.SCREEN
    lc = form.loaded_consent
    if lc is not None and lc.method is method:
        return lc
    return Consent(
        given_at=form.consent_at or form.ctx.clock().replace(microsecond=0),
        method=method, notice_version=CURRENT_NOTICE_VERSION,
        volunteer_id=form.ctx.volunteer_id,
    )


def collect(form: RegistrationForm) -> tuple[RegistrationData, list[Problem]]:
    """The data as typed, and what the form itself finds wrong (unreadable dates, amounts,
    a village or occupation not picked from the list)."""
    local: list[Problem] = []

    def day(name: str, w: DateEdit) -> Any:
        try:
            return w.value()
        except ValueError:
            local.append(error(name, "date_format", value=w.text()))
            return None

    try:
        income = form.income.value()
    except ValueError:
        income = None
        local.append(error("reported_income", "income_invalid", value=form.income.text()))
    village = form.village.code()
    if village is None:
        local.append(error("village_code", "pick_village"))
        village = ""
    occupation = form.occupation.code()
    if occupation is None:
        local.append(error("occupation_code", "occupation_unknown",
                           code=form.occupation.text().strip()))
        occupation = form.occupation.text().strip()
    heirs, bad = form.heirs.heirs()
    for r, fld in bad:
        local.append(error(f"heirs.{r}.{fld}", "date_format"))
    sex = (Sex.MALE if form.sex_male.isChecked() else
           Sex.FEMALE if form.sex_female.isChecked() else None)
    funding = form.funding.currentData()
    data = RegistrationData(
        nik=form.nik.text(), full_name=form.full_name.text(),
        birth_place=form.birth_place.text(), birth_date=day("birth_date", form.birth_date),
        sex=sex, mother_maiden_name=form.mother.text(), kk_number=form.kk.text(),
        street=form.street.text(), rt=form.rt.text(), rw=form.rw.text(),
        village_code=village, phone=form.phone.text(), email=form.email.text(),
        work_location=form.work_location.text(), occupation_code=occupation,
        reported_income=income,
        programmes=frozenset({Programme.JKK, Programme.JKM}
                             | ({Programme.JHT} if form.jht.isChecked() else set())),
        funding_source=FundingSource(funding) if funding else None,
        coverage_start=day("coverage_start", form.start),
        coverage_end=day("coverage_end", form.end),
        heirs=heirs, consent=consent_for(form), nik_override=form.override,
    )
    return data, local
