<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About fieldreg</source>
            <translation>About fieldreg</translation>
        </message>
        <message>
            <source>fieldreg {0}</source>
            <translation>fieldreg {0}</translation>
        </message>
        <message>
            <source>Registers informal workers for BPJS Ketenagakerjaan's work-accident (JKK) and death (JKM) protection, for the Gerakan Desa Peduli Jaminan Sosial programme. Works without internet; sends to the district server when it can.</source>
            <translation>Registers informal workers for BPJS Ketenagakerjaan's work-accident (JKK) and death (JKM) protection, for the Gerakan Desa Peduli Jaminan Sosial programme. Works without internet; sends to the district server when it can.</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Laptop</source>
            <translation>Laptop</translation>
        </message>
        <message>
            <source>Data folder</source>
            <translation>Data folder</translation>
        </message>
        <message>
            <source>Portable: the app and its data are on this drive (USB stick)</source>
            <translation>Portable: the app and its data are on this drive (USB stick)</translation>
        </message>
        <message>
            <source>Installed on this laptop</source>
            <translation>Installed on this laptop</translation>
        </message>
        <message>
            <source>Run from the source code (developer copy)</source>
            <translation>Run from the source code (developer copy)</translation>
        </message>
        <message>
            <source>This copy</source>
            <translation>This copy</translation>
        </message>
        <message>
            <source>Region codes: Kemendagri, from the idn-area-data data set ({0}) © its contributors, under the Open Database License (ODbL) 1.0.</source>
            <translation>Region codes: Kemendagri, from the idn-area-data data set ({0}) © its contributors, under the Open Database License (ODbL) 1.0.</translation>
        </message>
        <message>
            <source>Licence: fieldreg is proprietary. The region data stays under the ODbL 1.0; the card fonts (DejaVu) under their own free licence.</source>
            <translation>Licence: fieldreg is proprietary. The region data stays under the ODbL 1.0; the card fonts (DejaVu) under their own free licence.</translation>
        </message>
        <message>
            <source>Export diagnostics…</source>
            <translation>Export diagnostics…</translation>
        </message>
        <message>
            <source>A file for the district office when something does not work. No personal data.</source>
            <translation>A file for the district office when something does not work. No personal data.</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>fieldreg is already open on this laptop (perhaps still starting, or behind another window). Use the window that is open; to start it again, close it first.</source>
            <translation>fieldreg is already open on this laptop (perhaps still starting, or behind another window). Use the window that is open; to start it again, close it first.</translation>
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>Today's backup is made. The backup folder {0} is not there (USB stick not plugged in?).</source>
            <translation>Today's backup is made. The backup folder {0} is not there (USB stick not plugged in?).</translation>
        </message>
        <message>
            <source>Today's backup is made, but it could not be copied to {0}.</source>
            <translation>Today's backup is made, but it could not be copied to {0}.</translation>
        </message>
        <message>
            <source>Today's backup is made.</source>
            <translation>Today's backup is made.</translation>
        </message>
    </context>
    <context>
        <name>BackupsSection</name>
        <message>
            <source>Backups</source>
            <translation>Backups</translation>
        </message>
        <message>
            <source>Every day the app is opened it makes an encrypted backup in the data folder and, when it is plugged in, in the backup folder (a USB stick). Another one is made before every update of the app.</source>
            <translation>Every day the app is opened it makes an encrypted backup in the data folder and, when it is plugged in, in the backup folder (a USB stick). Another one is made before every update of the app.</translation>
        </message>
        <message>
            <source>Back up now</source>
            <translation>Back up now</translation>
        </message>
        <message>
            <source>Restore a backup…</source>
            <translation>Restore a backup…</translation>
        </message>
        <message>
            <source>Open the backups folder</source>
            <translation>Open the backups folder</translation>
        </message>
        <message>
            <source>No backup yet.</source>
            <translation>No backup yet.</translation>
        </message>
        <message>
            <source>Last backup: {0}, {1} records ({2} waiting to be sent). In: {3}</source>
            <translation>Last backup: {0}, {1} records ({2} waiting to be sent). In: {3}</translation>
        </message>
        <message>
            <source>Backup made: {0}</source>
            <translation>Backup made: {0}</translation>
        </message>
        <message>
            <source>The backup folder {0} is not there (USB stick not plugged in?), so no copy went there.</source>
            <translation>The backup folder {0} is not there (USB stick not plugged in?), so no copy went there.</translation>
        </message>
        <message>
            <source>A backup opens with the passwords (and the recovery key) of the day it was made, even after a password is changed. If an old password may be known to someone else, change your password with a new database key (Volunteers, above) and delete the older backups: they still open with the old password and hold the data of their day.</source>
            <translation>A backup opens with the passwords (and the recovery key) of the day it was made, even after a password is changed. If an old password may be known to someone else, change your password with a new database key (Volunteers, above) and delete the older backups: they still open with the old password and hold the data of their day.</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <source>Close this message</source>
            <translation>Close this message</translation>
        </message>
    </context>
    <context>
        <name>CardListModel</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Participant number</source>
            <translation>Participant number</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>Card</translation>
        </message>
        <message>
            <source>Draft: no card yet</source>
            <translation>Draft: no card yet</translation>
        </message>
        <message>
            <source>Voided: no card</source>
            <translation>Voided: no card</translation>
        </message>
        <message>
            <source>Not found</source>
            <translation>Not found</translation>
        </message>
        <message>
            <source>New card</source>
            <translation>New card</translation>
        </message>
        <message>
            <source>Printed {0}× before</source>
            <translation>Printed {0}× before</translation>
        </message>
        <message>
            <source>No card was printed for this participant yet.</source>
            <translation>No card was printed for this participant yet.</translation>
        </message>
        <message>
            <source>A card was printed {0}× before. Printing it again makes a new card with a new serial number; you will be asked why.</source>
            <translation>A card was printed {0}× before. Printing it again makes a new card with a new serial number; you will be asked why.</translation>
        </message>
        <message>
            <source>(unknown)</source>
            <translation>(unknown)</translation>
        </message>
    </context>
    <context>
        <name>DateEdit</name>
        <message>
            <source>DD-MM-YYYY</source>
            <translation>DD-MM-YYYY</translation>
        </message>
    </context>
    <context>
        <name>EnrolPanel</name>
        <message>
            <source>First step: register this laptop with the district server</source>
            <translation>First step: register this laptop with the district server</translation>
        </message>
        <message>
            <source>This is done once. Ask the district officer for this laptop's enrolment code, connect to the internet, then type the code below. After that, records are sent with one button, or by themselves when the server can be reached.</source>
            <translation>This is done once. Ask the district officer for this laptop's enrolment code, connect to the internet, then type the code below. After that, records are sent with one button, or by themselves when the server can be reached.</translation>
        </message>
        <message>
            <source>District server address</source>
            <translation>District server address</translation>
        </message>
        <message>
            <source>For example https://bpjs-sync.jambiprov.go.id (on the district officer's note)</source>
            <translation>For example https://bpjs-sync.jambiprov.go.id (on the district officer's note)</translation>
        </message>
        <message>
            <source>For example K7M2-QX9P</source>
            <translation>For example K7M2-QX9P</translation>
        </message>
        <message>
            <source>Laptop enrolment code from the district officer</source>
            <translation>Laptop enrolment code from the district officer</translation>
        </message>
        <message>
            <source>It works only once and only for a short time.</source>
            <translation>It works only once and only for a short time.</translation>
        </message>
        <message>
            <source>Register this laptop</source>
            <translation>Register this laptop</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Register this laptop again with a new code</source>
            <translation>Register this laptop again with a new code</translation>
        </message>
        <message>
            <source>Type the district server's address.</source>
            <translation>Type the district server's address.</translation>
        </message>
        <message>
            <source>Type the enrolment code from the district officer.</source>
            <translation>Type the enrolment code from the district officer.</translation>
        </message>
        <message>
            <source>Contacting the district server…</source>
            <translation>Contacting the district server…</translation>
        </message>
    </context>
    <context>
        <name>FirstRunWindow</name>
        <message>
            <source>fieldreg — set up this laptop</source>
            <translation>fieldreg — set up this laptop</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Next</translation>
        </message>
        <message>
            <source>Welcome</source>
            <translation>Welcome</translation>
        </message>
        <message>
            <source>This laptop will register informal workers into BPJS Ketenagakerjaan (JKK and JKM) for the Gerakan Desa Peduli Jaminan Sosial, also without internet. Setting it up takes three short steps.</source>
            <translation>This laptop will register informal workers into BPJS Ketenagakerjaan (JKK and JKM) for the Gerakan Desa Peduli Jaminan Sosial, also without internet. Setting it up takes three short steps.</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>A new laptop for data you already have?</source>
            <translation>A new laptop for data you already have?</translation>
        </message>
        <message>
            <source>If this laptop replaces another one, restore its backup (a file ending in .fieldreg-backup, for example on the USB stick) instead of setting up anew.</source>
            <translation>If this laptop replaces another one, restore its backup (a file ending in .fieldreg-backup, for example on the USB stick) instead of setting up anew.</translation>
        </message>
        <message>
            <source>Restore a backup…</source>
            <translation>Restore a backup…</translation>
        </message>
        <message>
            <source>This laptop</source>
            <translation>This laptop</translation>
        </message>
        <message>
            <source>Give the laptop a name the district office will recognise, and the regency where it registers workers.</source>
            <translation>Give the laptop a name the district office will recognise, and the regency where it registers workers.</translation>
        </message>
        <message>
            <source>Laptop name</source>
            <translation>Laptop name</translation>
        </message>
        <message>
            <source>For example: Laptop Desa Sungai Gelam 1</source>
            <translation>For example: Laptop Desa Sungai Gelam 1</translation>
        </message>
        <message>
            <source>Province</source>
            <translation>Province</translation>
        </message>
        <message>
            <source>Home regency</source>
            <translation>Home regency</translation>
        </message>
        <message>
            <source>First volunteer</source>
            <translation>First volunteer</translation>
        </message>
        <message>
            <source>The first volunteer is this laptop's supervisor: they can add other volunteers and approve corrections. The password protects the data if the laptop is lost.</source>
            <translation>The first volunteer is this laptop's supervisor: they can add other volunteers and approve corrections. The password protects the data if the laptop is lost.</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>Your name</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>At least 8 characters. Easy to remember, hard to guess: for example three words.</source>
            <translation>At least 8 characters. Easy to remember, hard to guess: for example three words.</translation>
        </message>
        <message>
            <source>Password again</source>
            <translation>Password again</translation>
        </message>
        <message>
            <source>Show the password</source>
            <translation>Show the password</translation>
        </message>
        <message>
            <source>Recovery key</source>
            <translation>Recovery key</translation>
        </message>
        <message>
            <source>If every password is forgotten, this key is the only way to open the data. It is shown only now. Write it on paper (or print it) and keep it somewhere safe, away from the laptop.</source>
            <translation>If every password is forgotten, this key is the only way to open the data. It is shown only now. Write it on paper (or print it) and keep it somewhere safe, away from the laptop.</translation>
        </message>
        <message>
            <source>Print the key…</source>
            <translation>Print the key…</translation>
        </message>
        <message>
            <source>I have written down or printed the recovery key and will keep it safe.</source>
            <translation>I have written down or printed the recovery key and will keep it safe.</translation>
        </message>
        <message>
            <source>Step {0} of {1}</source>
            <translation>Step {0} of {1}</translation>
        </message>
        <message>
            <source>Set up the laptop</source>
            <translation>Set up the laptop</translation>
        </message>
        <message>
            <source>Start working</source>
            <translation>Start working</translation>
        </message>
        <message>
            <source>Write a name for this laptop.</source>
            <translation>Write a name for this laptop.</translation>
        </message>
        <message>
            <source>Choose the regency.</source>
            <translation>Choose the regency.</translation>
        </message>
        <message>
            <source>Setting up the encrypted database…</source>
            <translation>Setting up the encrypted database…</translation>
        </message>
    </context>
    <context>
        <name>HeirsTable</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Relationship</source>
            <translation>Relationship</translation>
        </message>
        <message>
            <source>NIK (if known)</source>
            <translation>NIK (if known)</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>+ Add heir</source>
            <translation>+ Add heir</translation>
        </message>
        <message>
            <source>Remove selected heir</source>
            <translation>Remove selected heir</translation>
        </message>
        <message>
            <source>— choose —</source>
            <translation>— choose —</translation>
        </message>
    </context>
    <context>
        <name>Help</name>
        <message>
            <source>About fieldreg</source>
            <translation>About fieldreg</translation>
        </message>
        <message>
            <source>Export diagnostics…</source>
            <translation>Export diagnostics…</translation>
        </message>
        <message>
            <source>Save the diagnostics file</source>
            <translation>Save the diagnostics file</translation>
        </message>
        <message>
            <source>Text file (*.txt)</source>
            <translation>Text file (*.txt)</translation>
        </message>
        <message>
            <source>Diagnostics saved</source>
            <translation>Diagnostics saved</translation>
        </message>
        <message>
            <source>The diagnostics file is saved:</source>
            <translation>The diagnostics file is saved:</translation>
        </message>
        <message>
            <source>in the folder {0}</source>
            <translation>in the folder {0}</translation>
        </message>
        <message>
            <source>It holds no personal data: no names, NIKs, birth dates, phone numbers or addresses, only versions, settings and counts. Send it to the district office (by e-mail, WhatsApp or on a USB stick) when they ask for it.</source>
            <translation>It holds no personal data: no names, NIKs, birth dates, phone numbers or addresses, only versions, settings and counts. Send it to the district office (by e-mail, WhatsApp or on a USB stick) when they ask for it.</translation>
        </message>
        <message>
            <source>Open the folder</source>
            <translation>Open the folder</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>The folder cannot be written to ({0}). Choose another folder, for example Documents.</source>
            <translation>The folder cannot be written to ({0}). Choose another folder, for example Documents.</translation>
        </message>
        <message>
            <source>Diagnostics not saved</source>
            <translation>Diagnostics not saved</translation>
        </message>
        <message>
            <source>The diagnostics file could not be saved.</source>
            <translation>The diagnostics file could not be saved.</translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message>
            <source>Print history: {0}</source>
            <translation>Print history: {0}</translation>
        </message>
        <message>
            <source>No card was printed for {0} yet.</source>
            <translation>No card was printed for {0} yet.</translation>
        </message>
        <message>
            <source>Only the newest card is valid; older serial numbers can be blocked.</source>
            <translation>Only the newest card is valid; older serial numbers can be blocked.</translation>
        </message>
        <message>
            <source>One card printed.</source>
            <translation>One card printed.</translation>
        </message>
        <message>
            <source>Print no.</source>
            <translation>Print no.</translation>
        </message>
        <message>
            <source>Serial number</source>
            <translation>Serial number</translation>
        </message>
        <message>
            <source>When</source>
            <translation>When</translation>
        </message>
        <message>
            <source>By</source>
            <translation>By</translation>
        </message>
        <message>
            <source>Printed on</source>
            <translation>Printed on</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>1 (first card)</source>
            <translation>1 (first card)</translation>
        </message>
        <message>
            <source>{0} (reprint)</source>
            <translation>{0} (reprint)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>PDF file</source>
            <translation>PDF file</translation>
        </message>
    </context>
    <context>
        <name>HistoryModel</name>
        <message>
            <source>When</source>
            <translation>When</translation>
        </message>
        <message>
            <source>Started by</source>
            <translation>Started by</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Sent</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>Accepted</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>Duplicate</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>Data sent / received</source>
            <translation>Data sent / received</translation>
        </message>
        <message>
            <source>The run was cut short (the laptop or the app stopped). Nothing was lost: what was not answered is sent again.</source>
            <translation>The run was cut short (the laptop or the app stopped). Nothing was lost: what was not answered is sent again.</translation>
        </message>
        <message>
            <source>{0} of the rejected were changed by the district meanwhile.</source>
            <translation>{0} of the rejected were changed by the district meanwhile.</translation>
        </message>
    </context>
    <context>
        <name>HistoryTable</name>
        <message>
            <source>yesterday {0}</source>
            <translation>yesterday {0}</translation>
        </message>
    </context>
    <context>
        <name>ImportPage</name>
        <message>
            <source>Import village list</source>
            <translation>Import village list</translation>
        </message>
        <message>
            <source>The village's list of workers (Excel .xlsx or .csv, in the template's columns). Every row is checked first; nothing is written until you press Import.</source>
            <translation>The village's list of workers (Excel .xlsx or .csv, in the template's columns). Every row is checked first; nothing is written until you press Import.</translation>
        </message>
        <message>
            <source>Choose a file…</source>
            <translation>Choose a file…</translation>
        </message>
        <message>
            <source>No file chosen.</source>
            <translation>No file chosen.</translation>
        </message>
        <message>
            <source>Download the template…</source>
            <translation>Download the template…</translation>
        </message>
        <message>
            <source>Every worker signed the paper consent form</source>
            <translation>Every worker signed the paper consent form</translation>
        </message>
        <message>
            <source>Then the records are ready to send. Otherwise they stay drafts until each worker's consent is taken.</source>
            <translation>Then the records are ready to send. Otherwise they stay drafts until each worker's consent is taken.</translation>
        </message>
        <message>
            <source>Coverage from (when empty)</source>
            <translation>Coverage from (when empty)</translation>
        </message>
        <message>
            <source>Show only rows with problems</source>
            <translation>Show only rows with problems</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>Save the report…</source>
            <translation>Save the report…</translation>
        </message>
        <message>
            <source>Import {0} valid rows</source>
            <translation>Import {0} valid rows</translation>
        </message>
        <message>
            <source>Choose the village list</source>
            <translation>Choose the village list</translation>
        </message>
        <message>
            <source>Village lists (*.xlsx *.csv);;All files (*)</source>
            <translation>Village lists (*.xlsx *.csv);;All files (*)</translation>
        </message>
        <message>
            <source>Checking rows…</source>
            <translation>Checking rows…</translation>
        </message>
        <message>
            <source>{0} rows: {1} can be imported, {2} have errors and will be left out, {3} worth a second look.</source>
            <translation>{0} rows: {1} can be imported, {2} have errors and will be left out, {3} worth a second look.</translation>
        </message>
        <message>
            <source>This file was already imported on {0}; rows already on this laptop are not imported again.</source>
            <translation>This file was already imported on {0}; rows already on this laptop are not imported again.</translation>
        </message>
        <message>
            <source>Stopped. Nothing was imported.</source>
            <translation>Stopped. Nothing was imported.</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>Importing…</translation>
        </message>
        <message>
            <source>Imported</source>
            <translation>Imported</translation>
        </message>
        <message>
            <source>ready to send</source>
            <translation>ready to send</translation>
        </message>
        <message>
            <source>drafts: take each worker's consent before saving</source>
            <translation>drafts: take each worker's consent before saving</translation>
        </message>
        <message>
            <source>{0} registrations imported ({1}).</source>
            <translation>{0} registrations imported ({1}).</translation>
        </message>
        <message>
            <source>See them</source>
            <translation>See them</translation>
        </message>
        <message>
            <source>Save the report</source>
            <translation>Save the report</translation>
        </message>
        <message>
            <source>Report saved: {0}</source>
            <translation>Report saved: {0}</translation>
        </message>
        <message>
            <source>Save the template</source>
            <translation>Save the template</translation>
        </message>
        <message>
            <source>Template saved: {0}</source>
            <translation>Template saved: {0}</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Draft</source>
            <translation>Draft</translation>
        </message>
        <message>
            <source>Waiting to send</source>
            <translation>Waiting to send</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Sent</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>Accepted</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>Duplicate</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>Verified</translation>
        </message>
        <message>
            <source>Voided</source>
            <translation>Voided</translation>
        </message>
        <message>
            <source>Kept on this laptop only; not sent until it is complete and has consent.</source>
            <translation>Kept on this laptop only; not sent until it is complete and has consent.</translation>
        </message>
        <message>
            <source>Complete; waiting for the next sync.</source>
            <translation>Complete; waiting for the next sync.</translation>
        </message>
        <message>
            <source>Sent to the district server; waiting for its answer.</source>
            <translation>Sent to the district server; waiting for its answer.</translation>
        </message>
        <message>
            <source>Accepted by the district server.</source>
            <translation>Accepted by the district server.</translation>
        </message>
        <message>
            <source>This NIK was already registered elsewhere.</source>
            <translation>This NIK was already registered elsewhere.</translation>
        </message>
        <message>
            <source>Refused by the server; open it to see why and correct it.</source>
            <translation>Refused by the server; open it to see why and correct it.</translation>
        </message>
        <message>
            <source>Verified by BPJS.</source>
            <translation>Verified by BPJS.</translation>
        </message>
        <message>
            <source>Cancelled, with a reason.</source>
            <translation>Cancelled, with a reason.</translation>
        </message>
        <message>
            <source>The worker (mandiri)</source>
            <translation>The worker (mandiri)</translation>
        </message>
        <message>
            <source>Regency budget (APBD)</source>
            <translation>Regency budget (APBD)</translation>
        </message>
        <message>
            <source>Province (DUMISAKE / BKBK)</source>
            <translation>Province (DUMISAKE / BKBK)</translation>
        </message>
        <message>
            <source>Palm-oil revenue sharing (DBH sawit)</source>
            <translation>Palm-oil revenue sharing (DBH sawit)</translation>
        </message>
        <message>
            <source>Company (CSR)</source>
            <translation>Company (CSR)</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Other</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Male</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>Female</translation>
        </message>
        <message>
            <source>Husband</source>
            <translation>Husband</translation>
        </message>
        <message>
            <source>Wife</source>
            <translation>Wife</translation>
        </message>
        <message>
            <source>Child</source>
            <translation>Child</translation>
        </message>
        <message>
            <source>Father</source>
            <translation>Father</translation>
        </message>
        <message>
            <source>Mother</source>
            <translation>Mother</translation>
        </message>
        <message>
            <source>Grandchild</source>
            <translation>Grandchild</translation>
        </message>
        <message>
            <source>Grandfather</source>
            <translation>Grandfather</translation>
        </message>
        <message>
            <source>Grandmother</source>
            <translation>Grandmother</translation>
        </message>
        <message>
            <source>Sibling</source>
            <translation>Sibling</translation>
        </message>
        <message>
            <source>Parent-in-law</source>
            <translation>Parent-in-law</translation>
        </message>
        <message>
            <source>Person named in a will</source>
            <translation>Person named in a will</translation>
        </message>
        <message>
            <source>The worker read or heard the notice here</source>
            <translation>The worker read or heard the notice here</translation>
        </message>
        <message>
            <source>The worker signed the paper form</source>
            <translation>The worker signed the paper form</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>fieldreg — {0}</source>
            <translation>fieldreg — {0}</translation>
        </message>
        <message>
            <source>New registration</source>
            <translation>New registration</translation>
        </message>
        <message>
            <source>Participants</source>
            <translation>Participants</translation>
        </message>
        <message>
            <source>Import village list</source>
            <translation>Import village list</translation>
        </message>
        <message>
            <source>Print cards</source>
            <translation>Print cards</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>Sync</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>Alt+{0}</source>
            <translation>Alt+{0}</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Help</translation>
        </message>
        <message>
            <source>About fieldreg, and a diagnostics file for the district office (F1)</source>
            <translation>About fieldreg, and a diagnostics file for the district office (F1)</translation>
        </message>
        <message>
            <source>Lock (Ctrl+L)</source>
            <translation>Lock (Ctrl+L)</translation>
        </message>
        <message>
            <source>Switch volunteer</source>
            <translation>Switch volunteer</translation>
        </message>
    </context>
    <context>
        <name>Notice</name>
        <message>
            <source>&lt;b&gt;Why we ask.&lt;/b&gt; The village government and the volunteer collect your data to register you in BPJS Ketenagakerjaan (work accident and death insurance, JKK and JKM), paid as shown above. &lt;b&gt;What.&lt;/b&gt; Your NIK, name, date and place of birth, address, phone, occupation, income and your heirs. &lt;b&gt;Who sees it.&lt;/b&gt; The district office and BPJS Ketenagakerjaan, only for this registration. &lt;b&gt;How long.&lt;/b&gt; As long as the membership lasts; then it is deleted. &lt;b&gt;Your rights.&lt;/b&gt; You may see, correct or withdraw your data at the village office or by calling 175. Data of children named as heirs is given with your consent as their parent or guardian.</source>
            <translation>&lt;b&gt;Why we ask.&lt;/b&gt; The village government and the volunteer collect your data to register you in BPJS Ketenagakerjaan (work accident and death insurance, JKK and JKM), paid as shown above. &lt;b&gt;What.&lt;/b&gt; Your NIK, name, date and place of birth, address, phone, occupation, income and your heirs. &lt;b&gt;Who sees it.&lt;/b&gt; The district office and BPJS Ketenagakerjaan, only for this registration. &lt;b&gt;How long.&lt;/b&gt; As long as the membership lasts; then it is deleted. &lt;b&gt;Your rights.&lt;/b&gt; You may see, correct or withdraw your data at the village office or by calling 175. Data of children named as heirs is given with your consent as their parent or guardian.</translation>
        </message>
    </context>
    <context>
        <name>OccupationPicker</name>
        <message>
            <source>Type: ojek, sawit, nelayan, pedagang…</source>
            <translation>Type: ojek, sawit, nelayan, pedagang…</translation>
        </message>
    </context>
    <context>
        <name>Outcome</name>
        <message>
            <source>Accepted by the district server.</source>
            <translation>Accepted by the district server.</translation>
        </message>
        <message>
            <source>No. {0}</source>
            <translation>No. {0}</translation>
        </message>
        <message>
            <source>Accepted by the district server. Participant number: {0}.</source>
            <translation>Accepted by the district server. Participant number: {0}.</translation>
        </message>
        <message>
            <source>Already registered elsewhere</source>
            <translation>Already registered elsewhere</translation>
        </message>
        <message>
            <source>This NIK is already registered elsewhere. Do not register the same person twice. If the NIK was typed wrongly, open the record, correct it and save it.</source>
            <translation>This NIK is already registered elsewhere. Do not register the same person twice. If the NIK was typed wrongly, open the record, correct it and save it.</translation>
        </message>
        <message>
            <source>(no number yet)</source>
            <translation>(no number yet)</translation>
        </message>
        <message>
            <source>Already on this laptop: {0}</source>
            <translation>Already on this laptop: {0}</translation>
        </message>
        <message>
            <source>This NIK is already registered on this laptop as participant {0}. The same person was probably registered twice: check both records and void one of them.</source>
            <translation>This NIK is already registered on this laptop as participant {0}. The same person was probably registered twice: check both records and void one of them.</translation>
        </message>
        <message>
            <source>Do not register the same person twice. If the NIK was typed wrongly, open the record, correct it and save it; if it is the same person, void this record.</source>
            <translation>Do not register the same person twice. If the NIK was typed wrongly, open the record, correct it and save it; if it is the same person, void this record.</translation>
        </message>
        <message>
            <source>Already registered: {0} ({1})</source>
            <translation>Already registered: {0} ({1})</translation>
        </message>
        <message>
            <source>This NIK is already registered as participant {0} ({1}).</source>
            <translation>This NIK is already registered as participant {0} ({1}).</translation>
        </message>
        <message>
            <source>Already registered: {0}</source>
            <translation>Already registered: {0}</translation>
        </message>
        <message>
            <source>This NIK is already registered as participant {0}.</source>
            <translation>This NIK is already registered as participant {0}.</translation>
        </message>
        <message>
            <source>Changed by the district: open, check and save again</source>
            <translation>Changed by the district: open, check and save again</translation>
        </message>
        <message>
            <source>The district changed this record after it was sent. Open it, check the details with the worker and save it again; it is sent again at the next sync.</source>
            <translation>The district changed this record after it was sent. Open it, check the details with the worker and save it again; it is sent again at the next sync.</translation>
        </message>
        <message>
            <source>Open it, correct it and save it again: it is sent again at the next sync.</source>
            <translation>Open it, correct it and save it again: it is sent again at the next sync.</translation>
        </message>
        <message>
            <source>Refused: open it to check</source>
            <translation>Refused: open it to check</translation>
        </message>
        <message>
            <source>The district server refused this record.</source>
            <translation>The district server refused this record.</translation>
        </message>
        <message>
            <source>{0} (and {1} more)</source>
            <translation>{0} (and {1} more)</translation>
        </message>
        <message>
            <source>The district server refused this record:</source>
            <translation>The district server refused this record:</translation>
        </message>
        <message>
            <source>Cancelled by the district</source>
            <translation>Cancelled by the district</translation>
        </message>
        <message>
            <source>The district cancelled this registration. Ask the district officer if you do not know why.</source>
            <translation>The district cancelled this registration. Ask the district officer if you do not know why.</translation>
        </message>
    </context>
    <context>
        <name>OutcomeStrip</name>
        <message>
            <source>Open and fix</source>
            <translation>Open and fix</translation>
        </message>
    </context>
    <context>
        <name>OverrideDialog</name>
        <message>
            <source>Supervisor override</source>
            <translation>Supervisor override</translation>
        </message>
        <message>
            <source>Only when the ID card itself is wrong: keep the NIK as printed and record why.</source>
            <translation>Only when the ID card itself is wrong: keep the NIK as printed and record why.</translation>
        </message>
        <message>
            <source>For example: birth date on the KTP differs from the family card; KTP being corrected</source>
            <translation>For example: birth date on the KTP differs from the family card; KTP being corrected</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>Supervisor</source>
            <translation>Supervisor</translation>
        </message>
        <message>
            <source>Supervisor's password</source>
            <translation>Supervisor's password</translation>
        </message>
        <message>
            <source>Approved by you ({0}, supervisor).</source>
            <translation>Approved by you ({0}, supervisor).</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>Approve</translation>
        </message>
    </context>
    <context>
        <name>ParticipantsModel</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Participant no.</source>
            <translation>Participant no.</translation>
        </message>
        <message>
            <source>Occupation</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <source>Who pays</source>
            <translation>Who pays</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>District server's answer</source>
            <translation>District server's answer</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>Changed</translation>
        </message>
        <message>
            <source>(no name yet)</source>
            <translation>(no name yet)</translation>
        </message>
    </context>
    <context>
        <name>ParticipantsPage</name>
        <message>
            <source>Participants</source>
            <translation>Participants</translation>
        </message>
        <message>
            <source>Everyone registered on this laptop. Search by NIK or part of the name; double-click or press Enter to open.</source>
            <translation>Everyone registered on this laptop. Search by NIK or part of the name; double-click or press Enter to open.</translation>
        </message>
        <message>
            <source>Search: NIK or part of a name (Ctrl+F)</source>
            <translation>Search: NIK or part of a name (Ctrl+F)</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <source>Needs fixing</source>
            <translation>Needs fixing</translation>
        </message>
        <message>
            <source>Rejected or duplicate: the district server sent them back</source>
            <translation>Rejected or duplicate: the district server sent them back</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Occupation</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <source>Any payer</source>
            <translation>Any payer</translation>
        </message>
        <message>
            <source>Clear filters</source>
            <translation>Clear filters</translation>
        </message>
        <message>
            <source>Open / edit</source>
            <translation>Open / edit</translation>
        </message>
        <message>
            <source>Void…</source>
            <translation>Void…</translation>
        </message>
        <message>
            <source>Print cards</source>
            <translation>Print cards</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <source>{0} records</source>
            <translation>{0} records</translation>
        </message>
        <message>
            <source>Print cards ({0})</source>
            <translation>Print cards ({0})</translation>
        </message>
        <message>
            <source>Voided records get no card.</source>
            <translation>Voided records get no card.</translation>
        </message>
        <message>
            <source>{0} selected</source>
            <translation>{0} selected</translation>
        </message>
        <message>
            <source>Voided: {0}.</source>
            <translation>Voided: {0}.</translation>
        </message>
    </context>
    <context>
        <name>PdfKindDialog</name>
        <message>
            <source>Save the cards as a PDF</source>
            <translation>Save the cards as a PDF</translation>
        </message>
        <message>
            <source>What is this PDF of {0} cards for?</source>
            <translation>What is this PDF of {0} cards for?</translation>
        </message>
        <message>
            <source>Specimen: to look at or send for checking. Every card says CONTOH and has no QR code; nothing counts as printed, so printing on paper later is still the first print.</source>
            <translation>Specimen: to look at or send for checking. Every card says CONTOH and has no QR code; nothing counts as printed, so printing on paper later is still the first print.</translation>
        </message>
        <message>
            <source>Cards: to print elsewhere (a print shop, another printer) and hand over. They count as printed: printing them here later is a reprint, with a new serial number and a reason.</source>
            <translation>Cards: to print elsewhere (a print shop, another printer) and hand over. They count as printed: printing them here later is a reprint, with a new serial number and a reason.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Cards to print elsewhere</source>
            <translation>Cards to print elsewhere</translation>
        </message>
        <message>
            <source>Specimen only</source>
            <translation>Specimen only</translation>
        </message>
    </context>
    <context>
        <name>PreviewModel</name>
        <message>
            <source>Row</source>
            <translation>Row</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Problems</translation>
        </message>
        <message>
            <source>Error — not imported</source>
            <translation>Error — not imported</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>Check</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
    </context>
    <context>
        <name>PrintCardsPage</name>
        <message>
            <source>Print cards</source>
            <translation>Print cards</translation>
        </message>
        <message>
            <source>Each card carries a signed QR code that can be checked without internet. Check the list and the card, then print on paper or save a PDF to print elsewhere.</source>
            <translation>Each card carries a signed QR code that can be checked without internet. Check the list and the card, then print on paper or save a PDF to print elsewhere.</translation>
        </message>
        <message>
            <source>Whose cards</source>
            <translation>Whose cards</translation>
        </message>
        <message>
            <source>A4 paper (10 cards per sheet)</source>
            <translation>A4 paper (10 cards per sheet)</translation>
        </message>
        <message>
            <source>Card printer (CR80, one card per page)</source>
            <translation>Card printer (CR80, one card per page)</translation>
        </message>
        <message>
            <source>Layout</source>
            <translation>Layout</translation>
        </message>
        <message>
            <source>Front</source>
            <translation>Front</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Preview and print…</source>
            <translation>Preview and print…</translation>
        </message>
        <message>
            <source>Save as PDF…</source>
            <translation>Save as PDF…</translation>
        </message>
        <message>
            <source>Print history…</source>
            <translation>Print history…</translation>
        </message>
        <message>
            <source>Chosen in the Participants list ({0})</source>
            <translation>Chosen in the Participants list ({0})</translation>
        </message>
        <message>
            <source>Everyone without a card yet</source>
            <translation>Everyone without a card yet</translation>
        </message>
        <message>
            <source>Everyone (also those printed before)</source>
            <translation>Everyone (also those printed before)</translation>
        </message>
        <message>
            <source>Reading the list…</source>
            <translation>Reading the list…</translation>
        </message>
        <message>
            <source>Everyone complete already has a card ({0}). To print one again, choose it in the Participants list.</source>
            <translation>Everyone complete already has a card ({0}). To print one again, choose it in the Participants list.</translation>
        </message>
        <message>
            <source>No complete registrations yet: a card is printed once a record is complete and has consent.</source>
            <translation>No complete registrations yet: a card is printed once a record is complete and has consent.</translation>
        </message>
        <message>
            <source>{0} cards to print</source>
            <translation>{0} cards to print</translation>
        </message>
        <message>
            <source>{0} without a card (see why in the list)</source>
            <translation>{0} without a card (see why in the list)</translation>
        </message>
        <message>
            <source>{0} already have a card (not shown)</source>
            <translation>{0} already have a card (not shown)</translation>
        </message>
        <message>
            <source>The card that will print</source>
            <translation>The card that will print</translation>
        </message>
        <message>
            <source>{0} reprints (a reason is asked)</source>
            <translation>{0} reprints (a reason is asked)</translation>
        </message>
        <message>
            <source>{0} A4 sheets, both sides</source>
            <translation>{0} A4 sheets, both sides</translation>
        </message>
        <message>
            <source>No card to show.</source>
            <translation>No card to show.</translation>
        </message>
        <message>
            <source>{0} · front and back</source>
            <translation>{0} · front and back</translation>
        </message>
        <message>
            <source>Save the cards as a PDF</source>
            <translation>Save the cards as a PDF</translation>
        </message>
        <message>
            <source>Writing the PDF of {0} cards…</source>
            <translation>Writing the PDF of {0} cards…</translation>
        </message>
        <message>
            <source>Writing the specimen PDF of {0} cards…</source>
            <translation>Writing the specimen PDF of {0} cards…</translation>
        </message>
        <message>
            <source>Specimen of {0} cards saved in {1}. It is marked CONTOH and has no QR code; nothing was counted as printed.</source>
            <translation>Specimen of {0} cards saved in {1}. It is marked CONTOH and has no QR code; nothing was counted as printed.</translation>
        </message>
        <message>
            <source>Preparing {0} cards…</source>
            <translation>Preparing {0} cards…</translation>
        </message>
        <message>
            <source>Preview and print {0} cards</source>
            <translation>Preview and print {0} cards</translation>
        </message>
        <message>
            <source>The printer could not print the cards ({0}). No card was recorded as printed; check the printer and try again.</source>
            <translation>The printer could not print the cards ({0}). No card was recorded as printed; check the printer and try again.</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>stopped</translation>
        </message>
        <message>
            <source>{0} of them are reprints with a new serial number.</source>
            <translation>{0} of them are reprints with a new serial number.</translation>
        </message>
        <message>
            <source>{0} cards saved in the PDF {1}.</source>
            <translation>{0} cards saved in the PDF {1}.</translation>
        </message>
        <message>
            <source>Open the PDF</source>
            <translation>Open the PDF</translation>
        </message>
        <message>
            <source>a PDF file</source>
            <translation>a PDF file</translation>
        </message>
        <message>
            <source>{0} cards printed on {1}. Check the sheets before cutting.</source>
            <translation>{0} cards printed on {1}. Check the sheets before cutting.</translation>
        </message>
        <message>
            <source>Stopped. No PDF was written and no card was recorded as printed.</source>
            <translation>Stopped. No PDF was written and no card was recorded as printed.</translation>
        </message>
        <message>
            <source>Preview and print {0} cards…</source>
            <translation>Preview and print {0} cards…</translation>
        </message>
    </context>
    <context>
        <name>PrintKey</name>
        <message>
            <source>fieldreg recovery key</source>
            <translation>fieldreg recovery key</translation>
        </message>
        <message>
            <source>Laptop: {0}. Printed {1}. Keep this paper safe, away from the laptop.</source>
            <translation>Laptop: {0}. Printed {1}. Keep this paper safe, away from the laptop.</translation>
        </message>
    </context>
    <context>
        <name>Problems</name>
        <message>
            <source>Unknown language.</source>
            <translation>Unknown language.</translation>
        </message>
        <message>
            <source>Write the address with http:// or https://, for example https://bpjs-sync.jambiprov.go.id</source>
            <translation>Write the address with http:// or https://, for example https://bpjs-sync.jambiprov.go.id</translation>
        </message>
        <message>
            <source>Choose between {min} and {max} minutes.</source>
            <translation>Choose between {min} and {max} minutes.</translation>
        </message>
        <message>
            <source>Unknown paper size.</source>
            <translation>Unknown paper size.</translation>
        </message>
        <message>
            <source>Targets are whole numbers, 0 or more.</source>
            <translation>Targets are whole numbers, 0 or more.</translation>
        </message>
        <message>
            <source>The two passwords differ. Type the same password twice.</source>
            <translation>The two passwords differ. Type the same password twice.</translation>
        </message>
        <message>
            <source>Pick the village from the list: type part of its name, then choose.</source>
            <translation>Pick the village from the list: type part of its name, then choose.</translation>
        </message>
        <message>
            <source>Something went wrong ({error}). Nothing was lost; try again. If it keeps happening, tell your supervisor.</source>
            <translation>Something went wrong ({error}). Nothing was lost; try again. If it keeps happening, tell your supervisor.</translation>
        </message>
    </context>
    <context>
        <name>ProgressStrip</name>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Cancelling…</translation>
        </message>
    </context>
    <context>
        <name>RecoverDialog</name>
        <message>
            <source>Forgot the password</source>
            <translation>Forgot the password</translation>
        </message>
        <message>
            <source>Type the recovery key written down when this laptop was set up, then a new password for {0}.</source>
            <translation>Type the recovery key written down when this laptop was set up, then a new password for {0}.</translation>
        </message>
        <message>
            <source>Recovery key</source>
            <translation>Recovery key</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>New password</translation>
        </message>
        <message>
            <source>New password again</source>
            <translation>New password again</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Open with the key</source>
            <translation>Open with the key</translation>
        </message>
    </context>
    <context>
        <name>RegistrationForm</name>
        <message>
            <source>Identity</source>
            <translation>Identity</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>Work and contribution</source>
            <translation>Work and contribution</translation>
        </message>
        <message>
            <source>Heirs</source>
            <translation>Heirs</translation>
        </message>
        <message>
            <source>Consent</source>
            <translation>Consent</translation>
        </message>
        <message>
            <source>NIK (16 digits, from the KTP)</source>
            <translation>NIK (16 digits, from the KTP)</translation>
        </message>
        <message>
            <source>Fill from the NIK</source>
            <translation>Fill from the NIK</translation>
        </message>
        <message>
            <source>Fill in the date of birth and sex that the NIK says</source>
            <translation>Fill in the date of birth and sex that the NIK says</translation>
        </message>
        <message>
            <source>Full name as on the KTP</source>
            <translation>Full name as on the KTP</translation>
        </message>
        <message>
            <source>Place of birth</source>
            <translation>Place of birth</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Mother's maiden name</source>
            <translation>Mother's maiden name</translation>
        </message>
        <message>
            <source>BPJS uses it to confirm identity.</source>
            <translation>BPJS uses it to confirm identity.</translation>
        </message>
        <message>
            <source>Family card number (KK)</source>
            <translation>Family card number (KK)</translation>
        </message>
        <message>
            <source>The KTP really differs? Supervisor override…</source>
            <translation>The KTP really differs? Supervisor override…</translation>
        </message>
        <message>
            <source>Remove override</source>
            <translation>Remove override</translation>
        </message>
        <message>
            <source>— all kecamatan —</source>
            <translation>— all kecamatan —</translation>
        </message>
        <message>
            <source>Regency</source>
            <translation>Regency</translation>
        </message>
        <message>
            <source>Kecamatan</source>
            <translation>Kecamatan</translation>
        </message>
        <message>
            <source>Village (desa/kelurahan)</source>
            <translation>Village (desa/kelurahan)</translation>
        </message>
        <message>
            <source>Street or dusun</source>
            <translation>Street or dusun</translation>
        </message>
        <message>
            <source>RT</source>
            <translation>RT</translation>
        </message>
        <message>
            <source>RW</source>
            <translation>RW</translation>
        </message>
        <message>
            <source>Mobile phone</source>
            <translation>Mobile phone</translation>
        </message>
        <message>
            <source>For example 0812-3456-7890. A family may share.</source>
            <translation>For example 0812-3456-7890. A family may share.</translation>
        </message>
        <message>
            <source>E-mail (if any)</source>
            <translation>E-mail (if any)</translation>
        </message>
        <message>
            <source>Occupation</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <source>Work location</source>
            <translation>Work location</translation>
        </message>
        <message>
            <source>Income per month (Rp)</source>
            <translation>Income per month (Rp)</translation>
        </message>
        <message>
            <source>Empty: the lowest bracket (Rp1.000.000).</source>
            <translation>Empty: the lowest bracket (Rp1.000.000).</translation>
        </message>
        <message>
            <source>Work accident and death: always included.</source>
            <translation>Work accident and death: always included.</translation>
        </message>
        <message>
            <source>+ JHT (savings)</source>
            <translation>+ JHT (savings)</translation>
        </message>
        <message>
            <source>Programmes</source>
            <translation>Programmes</translation>
        </message>
        <message>
            <source>— who pays? —</source>
            <translation>— who pays? —</translation>
        </message>
        <message>
            <source>Who pays the contribution</source>
            <translation>Who pays the contribution</translation>
        </message>
        <message>
            <source>Coverage from</source>
            <translation>Coverage from</translation>
        </message>
        <message>
            <source>Coverage until</source>
            <translation>Coverage until</translation>
        </message>
        <message>
            <source>Needed when the government or a company pays.</source>
            <translation>Needed when the government or a company pays.</translation>
        </message>
        <message>
            <source>JKM benefits are paid to the heirs: spouse or children first, then parents.</source>
            <translation>JKM benefits are paid to the heirs: spouse or children first, then parents.</translation>
        </message>
        <message>
            <source>Read this notice to the worker (version {0}):</source>
            <translation>Read this notice to the worker (version {0}):</translation>
        </message>
        <message>
            <source>The worker has heard the notice and agrees (without this the record stays a draft)</source>
            <translation>The worker has heard the notice and agrees (without this the record stays a draft)</translation>
        </message>
        <message>
            <source>Kec.</source>
            <translation>Kec.</translation>
        </message>
        <message>
            <source>The NIK says: born {0} · {1} · issued in {2}</source>
            <translation>The NIK says: born {0} · {1} · issued in {2}</translation>
        </message>
        <message>
            <source>Override by {0}: {1}</source>
            <translation>Override by {0}: {1}</translation>
        </message>
    </context>
    <context>
        <name>RegistrationPage</name>
        <message>
            <source>New registration</source>
            <translation>New registration</translation>
        </message>
        <message>
            <source>Not saved yet</source>
            <translation>Not saved yet</translation>
        </message>
        <message>
            <source>{0} per month, paid by: {1}</source>
            <translation>{0} per month, paid by: {1}</translation>
        </message>
        <message>
            <source>Not saved yet: {0} field(s) to correct, shown in red. You can also save it as a draft and finish later.</source>
            <translation>Not saved yet: {0} field(s) to correct, shown in red. You can also save it as a draft and finish later.</translation>
        </message>
        <message>
            <source>Not saved: correct the fields shown in red first.</source>
            <translation>Not saved: correct the fields shown in red first.</translation>
        </message>
        <message>
            <source>Saved: {0} — {1}.</source>
            <translation>Saved: {0} — {1}.</translation>
        </message>
        <message>
            <source>It stays on this laptop until it is complete.</source>
            <translation>It stays on this laptop until it is complete.</translation>
        </message>
        <message>
            <source>Ready for the next worker (village and payer kept).</source>
            <translation>Ready for the next worker (village and payer kept).</translation>
        </message>
        <message>
            <source>Open it again</source>
            <translation>Open it again</translation>
        </message>
        <message>
            <source>Open that record</source>
            <translation>Open that record</translation>
        </message>
        <message>
            <source>{0} ({1}, {2}) is already registered with this NIK.</source>
            <translation>{0} ({1}, {2}) is already registered with this NIK.</translation>
        </message>
        <message>
            <source>Saving changes makes a new version that is sent again at the next sync.</source>
            <translation>Saving changes makes a new version that is sent again at the next sync.</translation>
        </message>
        <message>
            <source>View: {0} ({1})</source>
            <translation>View: {0} ({1})</translation>
        </message>
        <message>
            <source>Edit: {0} ({1})</source>
            <translation>Edit: {0} ({1})</translation>
        </message>
        <message>
            <source>Participant no. {0}</source>
            <translation>Participant no. {0}</translation>
        </message>
        <message>
            <source>Empty form</source>
            <translation>Empty form</translation>
        </message>
        <message>
            <source>Stop editing</source>
            <translation>Stop editing</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Unsaved changes</translation>
        </message>
        <message>
            <source>The form has changes that are not saved.</source>
            <translation>The form has changes that are not saved.</translation>
        </message>
        <message>
            <source>Save them before going to another page, or discard them.</source>
            <translation>Save them before going to another page, or discard them.</translation>
        </message>
        <message>
            <source>Save them before locking, or discard them.</source>
            <translation>Save them before locking, or discard them.</translation>
        </message>
        <message>
            <source>Save them before another volunteer opens the app, or discard them.</source>
            <translation>Save them before another volunteer opens the app, or discard them.</translation>
        </message>
        <message>
            <source>Save them before closing, or discard them.</source>
            <translation>Save them before closing, or discard them.</translation>
        </message>
        <message>
            <source>Save them first, or discard them.</source>
            <translation>Save them first, or discard them.</translation>
        </message>
        <message>
            <source>Save as draft</source>
            <translation>Save as draft</translation>
        </message>
        <message>
            <source>Discard the changes</source>
            <translation>Discard the changes</translation>
        </message>
        <message>
            <source>Go back to the form</source>
            <translation>Go back to the form</translation>
        </message>
        <message>
            <source>Discard it…</source>
            <translation>Discard it…</translation>
        </message>
        <message>
            <source>Discard the form?</source>
            <translation>Discard the form?</translation>
        </message>
        <message>
            <source>Discard the form that came back?</source>
            <translation>Discard the form that came back?</translation>
        </message>
        <message>
            <source>What was typed in it is lost and cannot be brought back.</source>
            <translation>What was typed in it is lost and cannot be brought back.</translation>
        </message>
        <message>
            <source>Yes, discard this form</source>
            <translation>Yes, discard this form</translation>
        </message>
        <message>
            <source>No, go on typing</source>
            <translation>No, go on typing</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Next: {0}</source>
            <translation>Next: {0}</translation>
        </message>
        <message>
            <source>This record was voided: it is shown read-only, cannot be changed and gets no card. Reason: {0}</source>
            <translation>This record was voided: it is shown read-only, cannot be changed and gets no card. Reason: {0}</translation>
        </message>
        <message>
            <source>The form you were typing ({0}) was not saved; it is back.</source>
            <translation>The form you were typing ({0}) was not saved; it is back.</translation>
        </message>
    </context>
    <context>
        <name>RekeyDialog</name>
        <message>
            <source>Also make a new recovery key (if the paper with the old one may have been seen)</source>
            <translation>Also make a new recovery key (if the paper with the old one may have been seen)</translation>
        </message>
        <message>
            <source>Changing the key. Do not close the app or turn off the laptop until it is done.</source>
            <translation>Changing the key. Do not close the app or turn off the laptop until it is done.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Change the key</source>
            <translation>Change the key</translation>
        </message>
        <message>
            <source>I have written down the new recovery key and will keep it safe.</source>
            <translation>I have written down the new recovery key and will keep it safe.</translation>
        </message>
        <message>
            <source>Change the password and the database key</source>
            <translation>Change the password and the database key</translation>
        </message>
        <message>
            <source>The password and the database key were changed. The old password no longer opens the data on this laptop, not even together with an old backup. Old backups themselves still open with the old password (they hold the old data): delete them if the old password may be known to someone else.</source>
            <translation>The password and the database key were changed. The old password no longer opens the data on this laptop, not even together with an old backup. Old backups themselves still open with the old password (they hold the old data): delete them if the old password may be known to someone else.</translation>
        </message>
        <message>
            <source>Database key changed</source>
            <translation>Database key changed</translation>
        </message>
        <message>
            <source>New recovery key — write it down now and keep it safe; the old one no longer works:</source>
            <translation>New recovery key — write it down now and keep it safe; the old one no longer works:</translation>
        </message>
        <message>
            <source>Old backups still open with the old password: they hold the data as it was then. If the old password may be known to someone else, delete the old backups (in the backups folder and on USB sticks) after making a new one.</source>
            <translation>Old backups still open with the old password: they hold the data as it was then. If the old password may be known to someone else, delete the old backups (in the backups folder and on USB sticks) after making a new one.</translation>
        </message>
        <message>
            <source>The app is still busy with other work. Wait a moment and try again.</source>
            <translation>The app is still busy with other work. Wait a moment and try again.</translation>
        </message>
        <message>
            <source>These volunteers must set their password again with the recovery key (Forgot the password): {0}.</source>
            <translation>These volunteers must set their password again with the recovery key (Forgot the password): {0}.</translation>
        </message>
        <message>
            <source>Your password is changed and the data on this laptop gets a new key. Afterwards old passwords, together with old backups, no longer open the data on this laptop. The other volunteers' passwords and the recovery key keep working.</source>
            <translation>Your password is changed and the data on this laptop gets a new key. Afterwards old passwords, together with old backups, no longer open the data on this laptop. The other volunteers' passwords and the recovery key keep working.</translation>
        </message>
    </context>
    <context>
        <name>ReprintDialog</name>
        <message>
            <source>Why print again?</source>
            <translation>Why print again?</translation>
        </message>
        <message>
            <source>{0} of these cards were printed before. Each gets a new serial number, and the old card can be blocked later. Why are they printed again?</source>
            <translation>{0} of these cards were printed before. Each gets a new serial number, and the old card can be blocked later. Why are they printed again?</translation>
        </message>
        <message>
            <source>Card lost</source>
            <translation>Card lost</translation>
        </message>
        <message>
            <source>Card damaged</source>
            <translation>Card damaged</translation>
        </message>
        <message>
            <source>Record corrected (name, village…)</source>
            <translation>Record corrected (name, village…)</translation>
        </message>
        <message>
            <source>Another reason</source>
            <translation>Another reason</translation>
        </message>
        <message>
            <source>For example: lost at the market; card got wet</source>
            <translation>For example: lost at the market; card got wet</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>Optional for the reasons above; required for another reason.</source>
            <translation>Optional for the reasons above; required for another reason.</translation>
        </message>
        <message>
            <source>Do not print</source>
            <translation>Do not print</translation>
        </message>
        <message>
            <source>Print again</source>
            <translation>Print again</translation>
        </message>
        <message>
            <source>Choose a reason.</source>
            <translation>Choose a reason.</translation>
        </message>
        <message>
            <source>Write the reason.</source>
            <translation>Write the reason.</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Choose a backup</source>
            <translation>Choose a backup</translation>
        </message>
        <message>
            <source>fieldreg backups (*.fieldreg-backup)</source>
            <translation>fieldreg backups (*.fieldreg-backup)</translation>
        </message>
        <message>
            <source>Restore a backup</source>
            <translation>Restore a backup</translation>
        </message>
        <message>
            <source>Backup of {0} from {1}</source>
            <translation>Backup of {0} from {1}</translation>
        </message>
        <message>
            <source>{0} records, {1} of them waiting to be sent. Made by fieldreg {2}.</source>
            <translation>{0} records, {1} of them waiting to be sent. Made by fieldreg {2}.</translation>
        </message>
        <message>
            <source>The data now on this laptop is not deleted: it is kept in the folder backups/replaced-… inside the data folder. Records made after this backup are only there.</source>
            <translation>The data now on this laptop is not deleted: it is kept in the folder backups/replaced-… inside the data folder. Records made after this backup are only there.</translation>
        </message>
        <message>
            <source>Volunteer</source>
            <translation>Volunteer</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>The password as it was when the backup was made.</source>
            <translation>The password as it was when the backup was made.</translation>
        </message>
        <message>
            <source>Use the recovery key instead</source>
            <translation>Use the recovery key instead</translation>
        </message>
        <message>
            <source>Recovery key</source>
            <translation>Recovery key</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>Restore</translation>
        </message>
        <message>
            <source>The app is still busy with other work. Wait a moment and press Restore again.</source>
            <translation>The app is still busy with other work. Wait a moment and press Restore again.</translation>
        </message>
        <message>
            <source>Replace the data on this laptop?</source>
            <translation>Replace the data on this laptop?</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Checking…</translation>
        </message>
    </context>
    <context>
        <name>ReviewDialog</name>
        <message>
            <source>Check before saving</source>
            <translation>Check before saving</translation>
        </message>
        <message>
            <source>Read this back to the worker. Is everything right? Once saved it is sent to the district at the next sync.</source>
            <translation>Read this back to the worker. Is everything right? Once saved it is sent to the district at the next sync.</translation>
        </message>
        <message>
            <source>Back to the form (Esc)</source>
            <translation>Back to the form (Esc)</translation>
        </message>
        <message>
            <source>Yes, save (Enter)</source>
            <translation>Yes, save (Enter)</translation>
        </message>
        <message>
            <source>{0} per month, paid by: {1}</source>
            <translation>{0} per month, paid by: {1}</translation>
        </message>
        <message>
            <source>Not yet</source>
            <translation>Not yet</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Born</source>
            <translation>Born</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Occupation</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <source>Mobile phone</source>
            <translation>Mobile phone</translation>
        </message>
        <message>
            <source>Heirs</source>
            <translation>Heirs</translation>
        </message>
        <message>
            <source>Contribution</source>
            <translation>Contribution</translation>
        </message>
        <message>
            <source>Consent</source>
            <translation>Consent</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>Settings of this laptop. They hold no data about workers.</source>
            <translation>Settings of this laptop. They hold no data about workers.</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>Changes at once when you save the settings.</source>
            <translation>Changes at once when you save the settings.</translation>
        </message>
        <message>
            <source>District server address</source>
            <translation>District server address</translation>
        </message>
        <message>
            <source>For example https://bpjs-sync.jambiprov.go.id. Given by the district office; used to register this laptop on the Sync page.</source>
            <translation>For example https://bpjs-sync.jambiprov.go.id. Given by the district office; used to register this laptop on the Sync page.</translation>
        </message>
        <message>
            <source>Send automatically when the server can be reached</source>
            <translation>Send automatically when the server can be reached</translation>
        </message>
        <message>
            <source>About once a minute the app checks whether the district server answers; if it does and records are waiting, they are sent without pressing anything.</source>
            <translation>About once a minute the app checks whether the district server answers; if it does and records are waiting, they are sent without pressing anything.</translation>
        </message>
        <message>
            <source> minutes</source>
            <translation> minutes</translation>
        </message>
        <message>
            <source>Lock after</source>
            <translation>Lock after</translation>
        </message>
        <message>
            <source>The app locks itself when nobody touched it for this long.</source>
            <translation>The app locks itself when nobody touched it for this long.</translation>
        </message>
        <message>
            <source>Review before saving</source>
            <translation>Review before saving</translation>
        </message>
        <message>
            <source>Before a record is saved as complete, the app reads it back in plain words (name, NIK, birth, village, work, heirs, who pays, consent): Enter saves, Esc goes back to the form.</source>
            <translation>Before a record is saved as complete, the app reads it back in plain words (name, NIK, birth, village, work, heirs, who pays, consent): Enter saves, Esc goes back to the form.</translation>
        </message>
        <message>
            <source>General</source>
            <translation>General</translation>
        </message>
        <message>
            <source>The system's default printer</source>
            <translation>The system's default printer</translation>
        </message>
        <message>
            <source>Print on both sides (card backs)</source>
            <translation>Print on both sides (card backs)</translation>
        </message>
        <message>
            <source>For example a USB stick</source>
            <translation>For example a USB stick</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <source>Backup folder</source>
            <translation>Backup folder</translation>
        </message>
        <message>
            <source>Printing and backup</source>
            <translation>Printing and backup</translation>
        </message>
        <message>
            <source>Printer for cards</source>
            <translation>Printer for cards</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>Paper</translation>
        </message>
        <message>
            <source>Targets per kecamatan</source>
            <translation>Targets per kecamatan</translation>
        </message>
        <message>
            <source>Only until the district server sends its targets with a sync; then Summary uses the server's. 0 means no target.</source>
            <translation>Only until the district server sends its targets with a sync; then Summary uses the server's. 0 means no target.</translation>
        </message>
        <message>
            <source>Save the settings</source>
            <translation>Save the settings</translation>
        </message>
        <message>
            <source>General, printing and targets. Volunteers' changes have their own buttons.</source>
            <translation>General, printing and targets. Volunteers' changes have their own buttons.</translation>
        </message>
        <message>
            <source>Settings saved.</source>
            <translation>Settings saved.</translation>
        </message>
    </context>
    <context>
        <name>SidePanel</name>
        <message>
            <source>Contribution per month</source>
            <translation>Contribution per month</translation>
        </message>
        <message>
            <source>Checklist</source>
            <translation>Checklist</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>Save (Ctrl+S)</translation>
        </message>
        <message>
            <source>Complete and with consent: ready to send at the next sync.</source>
            <translation>Complete and with consent: ready to send at the next sync.</translation>
        </message>
        <message>
            <source>Save as draft (Ctrl+D)</source>
            <translation>Save as draft (Ctrl+D)</translation>
        </message>
        <message>
            <source>Keep it on this laptop to finish later.</source>
            <translation>Keep it on this laptop to finish later.</translation>
        </message>
        <message>
            <source>Empty form</source>
            <translation>Empty form</translation>
        </message>
        <message>
            <source>Choose who pays to see the amount.</source>
            <translation>Choose who pays to see the amount.</translation>
        </message>
        <message>
            <source>(discount {0})</source>
            <translation>(discount {0})</translation>
        </message>
        <message>
            <source>{0} discount: {1} less per month</source>
            <translation>{0} discount: {1} less per month</translation>
        </message>
        <message>
            <source>Income bracket {0}</source>
            <translation>Income bracket {0}</translation>
        </message>
        <message>
            <source>Paid by: {0}</source>
            <translation>Paid by: {0}</translation>
        </message>
        <message>
            <source>{0}: {1} to fix</source>
            <translation>{0}: {1} to fix</translation>
        </message>
        <message>
            <source>{0}: {1} to check</source>
            <translation>{0}: {1} to check</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <source>supervisor</source>
            <translation>supervisor</translation>
        </message>
        <message>
            <source>volunteer</source>
            <translation>volunteer</translation>
        </message>
        <message>
            <source>Volunteer: {0} ({1})</source>
            <translation>Volunteer: {0} ({1})</translation>
        </message>
        <message>
            <source>Waiting to send: …</source>
            <translation>Waiting to send: …</translation>
        </message>
        <message>
            <source>Records that are complete and will go to the district server at the next sync.</source>
            <translation>Records that are complete and will go to the district server at the next sync.</translation>
        </message>
        <message>
            <source>Working…</source>
            <translation>Working…</translation>
        </message>
        <message>
            <source>Server: …</source>
            <translation>Server: …</translation>
        </message>
        <message>
            <source>Last sync: …</source>
            <translation>Last sync: …</translation>
        </message>
        <message>
            <source>Version {0}</source>
            <translation>Version {0}</translation>
        </message>
        <message>
            <source>Click for About fieldreg (F1).</source>
            <translation>Click for About fieldreg (F1).</translation>
        </message>
        <message>
            <source>Waiting to send: {0} people</source>
            <translation>Waiting to send: {0} people</translation>
        </message>
        <message>
            <source>{0} changes for {1} people (a record edited before it was sent is sent with each change).</source>
            <translation>{0} changes for {1} people (a record edited before it was sent is sent with each change).</translation>
        </message>
        <message>
            <source>Last sync: {0}</source>
            <translation>Last sync: {0}</translation>
        </message>
        <message>
            <source>Sending {0} of {1}…</source>
            <translation>Sending {0} of {1}…</translation>
        </message>
        <message>
            <source>Sending: waiting to try again…</source>
            <translation>Sending: waiting to try again…</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>Sending…</translation>
        </message>
        <message>
            <source>Click to open Sync.</source>
            <translation>Click to open Sync.</translation>
        </message>
        <message>
            <source>Server: laptop not registered yet</source>
            <translation>Server: laptop not registered yet</translation>
        </message>
        <message>
            <source>Server: sending paused</source>
            <translation>Server: sending paused</translation>
        </message>
        <message>
            <source>Server: not checked yet</source>
            <translation>Server: not checked yet</translation>
        </message>
        <message>
            <source>Server: reachable</source>
            <translation>Server: reachable</translation>
        </message>
        <message>
            <source>Server: not reachable</source>
            <translation>Server: not reachable</translation>
        </message>
    </context>
    <context>
        <name>SummaryPage</name>
        <message>
            <source>Summary</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>Registrations on this laptop (voided ones left out).</source>
            <translation>Registrations on this laptop (voided ones left out).</translation>
        </message>
        <message>
            <source>Export as CSV…</source>
            <translation>Export as CSV…</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <source>Per kecamatan, against the target</source>
            <translation>Per kecamatan, against the target</translation>
        </message>
        <message>
            <source>Per village (busiest {0})</source>
            <translation>Per village (busiest {0})</translation>
        </message>
        <message>
            <source>Per occupation</source>
            <translation>Per occupation</translation>
        </message>
        <message>
            <source>Per payer</source>
            <translation>Per payer</translation>
        </message>
        <message>
            <source>Per status (all records)</source>
            <translation>Per status (all records)</translation>
        </message>
        <message>
            <source>Per day, last 30 days</source>
            <translation>Per day, last 30 days</translation>
        </message>
        <message>
            <source>(no village)</source>
            <translation>(no village)</translation>
        </message>
        <message>
            <source>(not chosen)</source>
            <translation>(not chosen)</translation>
        </message>
        <message>
            <source>Nothing registered yet.</source>
            <translation>Nothing registered yet.</translation>
        </message>
        <message>
            <source>{0} more villages in the CSV export.</source>
            <translation>{0} more villages in the CSV export.</translation>
        </message>
        <message>
            <source>Targets from the district server (they come with every sync).</source>
            <translation>Targets from the district server (they come with every sync).</translation>
        </message>
        <message>
            <source>Targets typed on this laptop in Settings. The district server's targets replace them once a sync brings them.</source>
            <translation>Targets typed on this laptop in Settings. The district server's targets replace them once a sync brings them.</translation>
        </message>
        <message>
            <source>No targets yet: the district server sends them with a sync (or type them in Settings until then).</source>
            <translation>No targets yet: the district server sends them with a sync (or type them in Settings until then).</translation>
        </message>
        <message>
            <source>{0} registrations · target {1}</source>
            <translation>{0} registrations · target {1}</translation>
        </message>
        <message>
            <source>{0} registrations</source>
            <translation>{0} registrations</translation>
        </message>
        <message>
            <source>Export the summary</source>
            <translation>Export the summary</translation>
        </message>
        <message>
            <source>section</source>
            <translation>section</translation>
        </message>
        <message>
            <source>code</source>
            <translation>code</translation>
        </message>
        <message>
            <source>name</source>
            <translation>name</translation>
        </message>
        <message>
            <source>count</source>
            <translation>count</translation>
        </message>
        <message>
            <source>target</source>
            <translation>target</translation>
        </message>
        <message>
            <source>Summary saved: {0}</source>
            <translation>Summary saved: {0}</translation>
        </message>
    </context>
    <context>
        <name>Sync</name>
        <message>
            <source>{0} KB</source>
            <translation>{0} KB</translation>
        </message>
        <message>
            <source>{0} MB</source>
            <translation>{0} MB</translation>
        </message>
        <message>
            <source>never</source>
            <translation>never</translation>
        </message>
        <message>
            <source>today {0}</source>
            <translation>today {0}</translation>
        </message>
        <message>
            <source>yesterday {0}</source>
            <translation>yesterday {0}</translation>
        </message>
        <message>
            <source>Button</source>
            <translation>Button</translation>
        </message>
        <message>
            <source>Automatic</source>
            <translation>Automatic</translation>
        </message>
        <message>
            <source>Command line</source>
            <translation>Command line</translation>
        </message>
        <message>
            <source>Running…</source>
            <translation>Running…</translation>
        </message>
        <message>
            <source>Cut short</source>
            <translation>Cut short</translation>
        </message>
        <message>
            <source>Sent, some to fix</source>
            <translation>Sent, some to fix</translation>
        </message>
        <message>
            <source>All sent</source>
            <translation>All sent</translation>
        </message>
        <message>
            <source>Partly sent</source>
            <translation>Partly sent</translation>
        </message>
        <message>
            <source>No connection</source>
            <translation>No connection</translation>
        </message>
        <message>
            <source>Wi-Fi login page</source>
            <translation>Wi-Fi login page</translation>
        </message>
        <message>
            <source>Refused: paused</source>
            <translation>Refused: paused</translation>
        </message>
        <message>
            <source>Access withdrawn</source>
            <translation>Access withdrawn</translation>
        </message>
        <message>
            <source>Server trouble</source>
            <translation>Server trouble</translation>
        </message>
        <message>
            <source>Stopped</source>
            <translation>Stopped</translation>
        </message>
        <message>
            <source>Already running</source>
            <translation>Already running</translation>
        </message>
        <message>
            <source>Not registered</source>
            <translation>Not registered</translation>
        </message>
        <message>
            <source>{0} accepted</source>
            <translation>{0} accepted</translation>
        </message>
        <message>
            <source>{0} already registered elsewhere (duplicate)</source>
            <translation>{0} already registered elsewhere (duplicate)</translation>
        </message>
        <message>
            <source>{0} rejected, to fix</source>
            <translation>{0} rejected, to fix</translation>
        </message>
        <message>
            <source>Nothing was waiting to be sent. {0} statuses were brought up to date from the district server.</source>
            <translation>Nothing was waiting to be sent. {0} statuses were brought up to date from the district server.</translation>
        </message>
        <message>
            <source>Nothing was waiting to be sent. Everything is up to date.</source>
            <translation>Nothing was waiting to be sent. Everything is up to date.</translation>
        </message>
        <message>
            <source>All sent: {0}.</source>
            <translation>All sent: {0}.</translation>
        </message>
        <message>
            <source>Open the records that need fixing, check them with the worker and save them again.</source>
            <translation>Open the records that need fixing, check them with the worker and save them again.</translation>
        </message>
        <message>
            <source>{0} sent ({1}).</source>
            <translation>{0} sent ({1}).</translation>
        </message>
        <message>
            <source>{0} sent.</source>
            <translation>{0} sent.</translation>
        </message>
        <message>
            <source>You stopped it; {0} records still wait on this laptop and go at the next sync.</source>
            <translation>You stopped it; {0} records still wait on this laptop and go at the next sync.</translation>
        </message>
        <message>
            <source>Then the district server had trouble; {0} records still wait on this laptop and go at the next sync.</source>
            <translation>Then the district server had trouble; {0} records still wait on this laptop and go at the next sync.</translation>
        </message>
        <message>
            <source>Everything was sent, but the statuses could not be brought back this time; they come at the next sync.</source>
            <translation>Everything was sent, but the statuses could not be brought back this time; they come at the next sync.</translation>
        </message>
        <message>
            <source>The connection stopped before the end; {0} records still wait on this laptop and go at the next sync.</source>
            <translation>The connection stopped before the end; {0} records still wait on this laptop and go at the next sync.</translation>
        </message>
        <message>
            <source>The district server could not be reached. Check the internet (mobile data or Wi-Fi) and try again. Nothing was lost: {0} records wait safely on this laptop.</source>
            <translation>The district server could not be reached. Check the internet (mobile data or Wi-Fi) and try again. Nothing was lost: {0} records wait safely on this laptop.</translation>
        </message>
        <message>
            <source>The internet answered with a page that is not the district server, often a Wi-Fi login page. Open a web browser, log in to the Wi-Fi, then press Sync again. Nothing was lost.</source>
            <translation>The internet answered with a page that is not the district server, often a Wi-Fi login page. Open a web browser, log in to the Wi-Fi, then press Sync again. Nothing was lost.</translation>
        </message>
        <message>
            <source>The district server refused this laptop, so sending is paused. The records stay safely on this laptop. Contact the district officer: they can give you a new enrolment code.</source>
            <translation>The district server refused this laptop, so sending is paused. The records stay safely on this laptop. Contact the district officer: they can give you a new enrolment code.</translation>
        </message>
        <message>
            <source>The district has withdrawn this laptop's access, so sending is paused. The records stay safely on this laptop. Contact the district officer.</source>
            <translation>The district has withdrawn this laptop's access, so sending is paused. The records stay safely on this laptop. Contact the district officer.</translation>
        </message>
        <message>
            <source>The district server has trouble right now and did not take the records. Nothing was lost: {0} records wait on this laptop. Try again later.</source>
            <translation>The district server has trouble right now and did not take the records. Nothing was lost: {0} records wait on this laptop. Try again later.</translation>
        </message>
        <message>
            <source>Stopped. {0} were sent before stopping; {1} still wait and go at the next sync.</source>
            <translation>Stopped. {0} were sent before stopping; {1} still wait and go at the next sync.</translation>
        </message>
        <message>
            <source>Another sync is already running on this laptop (perhaps from the command line). Try again in a minute.</source>
            <translation>Another sync is already running on this laptop (perhaps from the command line). Try again in a minute.</translation>
        </message>
        <message>
            <source>This laptop is not registered with the district server yet.</source>
            <translation>This laptop is not registered with the district server yet.</translation>
        </message>
        <message>
            <source>The district has withdrawn this laptop's access. The records stay safely on this laptop; do not delete anything. Contact the district officer and tell them the laptop's name: they decide what happens next.</source>
            <translation>The district has withdrawn this laptop's access. The records stay safely on this laptop; do not delete anything. Contact the district officer and tell them the laptop's name: they decide what happens next.</translation>
        </message>
        <message>
            <source>The district server refused this laptop. The records stay safely on this laptop. Ask the district officer for a new enrolment code and register the laptop again with it.</source>
            <translation>The district server refused this laptop. The records stay safely on this laptop. Ask the district officer for a new enrolment code and register the laptop again with it.</translation>
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <source>Sync</source>
            <translation>Sync</translation>
        </message>
        <message>
            <source>Send the records waiting on this laptop to the district server and bring back their participant numbers and statuses.</source>
            <translation>Send the records waiting on this laptop to the district server and bring back their participant numbers and statuses.</translation>
        </message>
        <message>
            <source>They are kept safely on this laptop until it is registered and can reach the district server.</source>
            <translation>They are kept safely on this laptop until it is registered and can reach the district server.</translation>
        </message>
        <message>
            <source>Waiting to be sent</source>
            <translation>Waiting to be sent</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <source>{0} people</source>
            <translation>{0} people</translation>
        </message>
        <message>
            <source>{0} people ({1} changes)</source>
            <translation>{0} people ({1} changes)</translation>
        </message>
        <message>
            <source>Send the waiting records and bring back the answers of the district server.</source>
            <translation>Send the waiting records and bring back the answers of the district server.</translation>
        </message>
        <message>
            <source>Show the records that need fixing</source>
            <translation>Show the records that need fixing</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>District</source>
            <translation>District</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <source>Connection</source>
            <translation>Connection</translation>
        </message>
        <message>
            <source>Last sync</source>
            <translation>Last sync</translation>
        </message>
        <message>
            <source>District server</source>
            <translation>District server</translation>
        </message>
        <message>
            <source>Sync history</source>
            <translation>Sync history</translation>
        </message>
        <message>
            <source>Nothing</source>
            <translation>Nothing</translation>
        </message>
        <message>
            <source>{0} records came back from the district server and need fixing.</source>
            <translation>{0} records came back from the district server and need fixing.</translation>
        </message>
        <message>
            <source>Show the records that need fixing ({0})</source>
            <translation>Show the records that need fixing ({0})</translation>
        </message>
        <message>
            <source>Sending is paused</source>
            <translation>Sending is paused</translation>
        </message>
        <message>
            <source>Register again with a new code…</source>
            <translation>Register again with a new code…</translation>
        </message>
        <message>
            <source>Paused: access withdrawn</source>
            <translation>Paused: access withdrawn</translation>
        </message>
        <message>
            <source>Paused: refused by the server</source>
            <translation>Paused: refused by the server</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>Sending…</translation>
        </message>
        <message>
            <source>Not checked yet</source>
            <translation>Not checked yet</translation>
        </message>
        <message>
            <source>The server can be reached</source>
            <translation>The server can be reached</translation>
        </message>
        <message>
            <source>The server cannot be reached now</source>
            <translation>The server cannot be reached now</translation>
        </message>
        <message>
            <source>Automatic sending is on: when the server can be reached, waiting records go by themselves (checked every minute).</source>
            <translation>Automatic sending is on: when the server can be reached, waiting records go by themselves (checked every minute).</translation>
        </message>
        <message>
            <source>Automatic sending is off (Settings): records go only when you press Sync now.</source>
            <translation>Automatic sending is off (Settings): records go only when you press Sync now.</translation>
        </message>
        <message>
            <source>Sending is paused: see the message below.</source>
            <translation>Sending is paused: see the message below.</translation>
        </message>
        <message>
            <source>This laptop is registered with the district server of {0}. Press Sync now to send the waiting records.</source>
            <translation>This laptop is registered with the district server of {0}. Press Sync now to send the waiting records.</translation>
        </message>
        <message>
            <source>Stopping after the current step…</source>
            <translation>Stopping after the current step…</translation>
        </message>
        <message>
            <source>Sending by itself: the server can be reached.</source>
            <translation>Sending by itself: the server can be reached.</translation>
        </message>
        <message>
            <source>Connecting to the district server…</source>
            <translation>Connecting to the district server…</translation>
        </message>
        <message>
            <source>{0} sent, {1} received</source>
            <translation>{0} sent, {1} received</translation>
        </message>
        <message>
            <source>Bringing back numbers and statuses from the district server… ({0})</source>
            <translation>Bringing back numbers and statuses from the district server… ({0})</translation>
        </message>
        <message>
            <source>Sending: {0} of {1} records ({2})</source>
            <translation>Sending: {0} of {1} records ({2})</translation>
        </message>
        <message>
            <source>The server did not answer in time. Trying again in {0} seconds… ({1})</source>
            <translation>The server did not answer in time. Trying again in {0} seconds… ({1})</translation>
        </message>
        <message>
            <source>Trying again…</source>
            <translation>Trying again…</translation>
        </message>
        <message>
            <source>Result of the last sync ({0})</source>
            <translation>Result of the last sync ({0})</translation>
        </message>
        <message>
            <source>just now</source>
            <translation>just now</translation>
        </message>
        <message>
            <source>The sync stopped with an error</source>
            <translation>The sync stopped with an error</translation>
        </message>
    </context>
    <context>
        <name>UnlockWindow</name>
        <message>
            <source>fieldreg — unlock</source>
            <translation>fieldreg — unlock</translation>
        </message>
        <message>
            <source>BPJS Ketenagakerjaan registration</source>
            <translation>BPJS Ketenagakerjaan registration</translation>
        </message>
        <message>
            <source>Gerakan Desa Peduli Jaminan Sosial · Jambi</source>
            <translation>Gerakan Desa Peduli Jaminan Sosial · Jambi</translation>
        </message>
        <message>
            <source>Locked after a while without use, to protect the data. What you were typing is kept.</source>
            <translation>Locked after a while without use, to protect the data. What you were typing is kept.</translation>
        </message>
        <message>
            <source>Locked. What you were typing is kept.</source>
            <translation>Locked. What you were typing is kept.</translation>
        </message>
        <message>
            <source>Volunteer</source>
            <translation>Volunteer</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>Show the password</source>
            <translation>Show the password</translation>
        </message>
        <message>
            <source>Forgot the password?</source>
            <translation>Forgot the password?</translation>
        </message>
        <message>
            <source>Restore a backup…</source>
            <translation>Restore a backup…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>Type your password.</source>
            <translation>Type your password.</translation>
        </message>
        <message>
            <source>Opening…</source>
            <translation>Opening…</translation>
        </message>
    </context>
    <context>
        <name>VillagePicker</name>
        <message>
            <source>Type part of the village name</source>
            <translation>Type part of the village name</translation>
        </message>
        <message>
            <source>Kelurahan</source>
            <translation>Kelurahan</translation>
        </message>
        <message>
            <source>Desa</source>
            <translation>Desa</translation>
        </message>
    </context>
    <context>
        <name>VoidDialog</name>
        <message>
            <source>Void a registration</source>
            <translation>Void a registration</translation>
        </message>
        <message>
            <source>Void the registration of {0}? It stays in the list as voided and cannot be changed any more. If it was already sent, the district server is told at the next sync.</source>
            <translation>Void the registration of {0}? It stays in the list as voided and cannot be changed any more. If it was already sent, the district server is told at the next sync.</translation>
        </message>
        <message>
            <source>For example: registered twice; moved away; passed away</source>
            <translation>For example: registered twice; moved away; passed away</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>No, keep it</source>
            <translation>No, keep it</translation>
        </message>
        <message>
            <source>Yes, void it</source>
            <translation>Yes, void it</translation>
        </message>
    </context>
    <context>
        <name>VolunteersSection</name>
        <message>
            <source>Volunteers</source>
            <translation>Volunteers</translation>
        </message>
        <message>
            <source>Change my password ({0})</source>
            <translation>Change my password ({0})</translation>
        </message>
        <message>
            <source>Current password</source>
            <translation>Current password</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>New password</translation>
        </message>
        <message>
            <source>At least {0} characters. A short sentence is easy to remember.</source>
            <translation>At least {0} characters. A short sentence is easy to remember.</translation>
        </message>
        <message>
            <source>New password again</source>
            <translation>New password again</translation>
        </message>
        <message>
            <source>Change my password</source>
            <translation>Change my password</translation>
        </message>
        <message>
            <source>Add a volunteer</source>
            <translation>Add a volunteer</translation>
        </message>
        <message>
            <source>Only a supervisor can add a volunteer. Ask your supervisor to open the app and add them here.</source>
            <translation>Only a supervisor can add a volunteer. Ask your supervisor to open the app and add them here.</translation>
        </message>
        <message>
            <source>Full name, as the volunteer is known</source>
            <translation>Full name, as the volunteer is known</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Volunteer</source>
            <translation>Volunteer</translation>
        </message>
        <message>
            <source>Supervisor (adds volunteers, approves a NIK mismatch)</source>
            <translation>Supervisor (adds volunteers, approves a NIK mismatch)</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Their password</source>
            <translation>Their password</translation>
        </message>
        <message>
            <source>Let the volunteer type it; they can change it later on this page.</source>
            <translation>Let the volunteer type it; they can change it later on this page.</translation>
        </message>
        <message>
            <source>Their password again</source>
            <translation>Their password again</translation>
        </message>
        <message>
            <source>Add the volunteer</source>
            <translation>Add the volunteer</translation>
        </message>
        <message>
            <source>{0} (you)</source>
            <translation>{0} (you)</translation>
        </message>
        <message>
            <source>Who can open this laptop: {0}.</source>
            <translation>Who can open this laptop: {0}.</translation>
        </message>
        <message>
            <source>Type your current password.</source>
            <translation>Type your current password.</translation>
        </message>
        <message>
            <source>The new password is the same as the current one.</source>
            <translation>The new password is the same as the current one.</translation>
        </message>
        <message>
            <source>Changing…</source>
            <translation>Changing…</translation>
        </message>
        <message>
            <source>Your password was changed. Use the new one from the next time you open the app.</source>
            <translation>Your password was changed. Use the new one from the next time you open the app.</translation>
        </message>
        <message>
            <source>Adding…</source>
            <translation>Adding…</translation>
        </message>
        <message>
            <source>{0} was added as a supervisor.</source>
            <translation>{0} was added as a supervisor.</translation>
        </message>
        <message>
            <source>{0} was added as a volunteer.</source>
            <translation>{0} was added as a volunteer.</translation>
        </message>
        <message>
            <source>They can now choose their name when the app opens.</source>
            <translation>They can now choose their name when the app opens.</translation>
        </message>
        <message>
            <source>The old password may be known to someone else: also change the database key</source>
            <translation>The old password may be known to someone else: also change the database key</translation>
        </message>
        <message>
            <source>Without a new key, old backups together with the old password still open today's data. Old backups always open with the password of their time.</source>
            <translation>Without a new key, old backups together with the old password still open today's data. Old backups always open with the password of their time.</translation>
        </message>
    </context>
</TS>
