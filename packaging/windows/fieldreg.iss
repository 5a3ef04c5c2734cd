; Inno Setup 6 script for fieldreg on Windows (Inno Setup 6.3 or newer).
;
; Built by packaging\windows\build.ps1, which makes dist\fieldreg (PyInstaller) first and then
; runs:  ISCC.exe /DAppVersion=<fieldreg.__version__> packaging\windows\fieldreg.iss
; The installer lands in dist\fieldreg-setup-<version>.exe.
;
; Decisions (see packaging\README.md):
; - Per-machine install under Program Files (administrator rights, once, by the district
;   officer or whoever sets the laptop up). The volunteers' data never lives there: the app keeps
;   it per Windows account in %LOCALAPPDATA%\fieldreg (platformdirs' user_data_dir), so an
;   install, an upgrade or an uninstall never touches it by itself.
; - Upgrade: the same AppId, so a newer setup installs over the older version in the same
;   folder; the old program files under _internal are removed first (a library the new version
;   no longer ships must not linger). The data folder is left alone; the app backs the database
;   up and migrates it the first time the new version opens it.
; - Uninstall keeps the data unless the person uninstalling answers "Yes" to a question whose
;   default is "No" (a silent uninstall never deletes it). The uninstaller runs elevated: its
;   {localappdata} is the folder of the account that runs it, which is the volunteer's own only
;   when the volunteer is an administrator of the laptop; when Windows asked for another
;   account's password it is that other account's folder. So the question names the exact
;   folder, only that one folder can be deleted, and other accounts' data, backups and USB
;   sticks are never touched. An uninstaller cannot find every account's data safely, and
;   deleting registrations not yet sent is not something to do on a guess.

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (x64compatible)
#endif

#define AppName "fieldreg"
#define AppExe "fieldreg-app.exe"
#define BundleDir AddBackslash(SourcePath) + "..\..\dist\fieldreg"
#ifndef AppVersion
  ; build.ps1 passes the version of fieldreg/__init__.py; else read it from the built app's
  ; version resource (which build.ps1 writes too)
  #if FileExists(BundleDir + "\" + AppExe)
    #define AppVersion GetVersionNumbersString(BundleDir + "\" + AppExe)
  #else
    #error No version: pass /DAppVersion=x.y.z, or build dist\fieldreg first (build.ps1)
  #endif
#endif
#ifndef AppVersionNumbers
  ; the version resource wants numbers only (build.ps1 passes 0.3.0.0 for 0.3.0rc1)
  #define AppVersionNumbers AppVersion
#endif

[Setup]
; Never change the AppId: it is how a newer setup finds the installed version to upgrade.
AppId={{35EB3661-6722-4D2C-8448-32E9AE7C159E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=fieldreg
AppComments=Pendaftaran pekerja informal ke BPJS Ketenagakerjaan (JKK/JKM), tanpa jaringan
VersionInfoVersion={#AppVersionNumbers}
VersionInfoProductName={#AppName}
; Per machine, under Program Files; 64-bit (the bundle is x64).
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
DefaultDirName={autopf}\{#AppName}
; An upgrade goes to the folder of the installed version without asking again.
UsePreviousAppDir=yes
DisableDirPage=auto
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
; A running fieldreg is closed (Restart Manager) before its files are replaced or removed.
CloseApplications=yes
RestartApplications=no
OutputDir=..\..\dist
OutputBaseFilename=fieldreg-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
#if FileExists(AddBackslash(SourcePath) + "..\..\build\fieldreg.ico")
SetupIconFile=..\..\build\fieldreg.ico
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Inno Setup's Indonesian translation is not among the ones it installs; put Indonesian.isl
; (from the Inno Setup website's translations page) beside this script to offer it.
#if FileExists(AddBackslash(SourcePath) + "Indonesian.isl")
Name: "id"; MessagesFile: "Indonesian.isl"
#endif

[CustomMessages]
; Both languages in one text: the people uninstalling are Indonesian district staff.
AskDeleteData=Hapus juga data pendaftaran di folder ini?%n%n%1%n%nData yang belum dikirim ke server kabupaten akan HILANG dan tidak bisa dipulihkan. Pilih "No" untuk menyimpannya (disarankan); program tetap dihapus. Data akun Windows lain, cadangan dan flashdisk tidak disentuh.%n%nAlso delete the registration data in this folder? Records not yet sent to the district server will be LOST for good. Choose "No" to keep them (recommended); the program is removed either way. Other Windows accounts' data, backups and USB sticks are not touched.
DataNotDeleted=Folder data tidak bisa dihapus seluruhnya / the data folder could not be deleted completely:%n%n%1
DataKept=Data pendaftaran disimpan / the registration data is kept:%n%n%1

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade: the older version's program files go first (never the data, which is elsewhere).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole one-folder bundle: fieldreg-app.exe, fieldreg.exe and _internal\. Never the
; portable marker: an installed copy keeps its data in the user's folder.
Source: "..\..\dist\fieldreg\*"; DestDir: "{app}"; Excludes: "portable.txt,.build-inputs"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Pendaftaran BPJS Ketenagakerjaan"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; runasoriginaluser: started as the account that ran setup, not as the elevated administrator,
; so the data folder it creates is the volunteer's.
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: postinstall nowait skipifsilent runasoriginaluser

[Code]
var
  DeleteData: Boolean;

function DataDir: String;
begin
  { platformdirs.user_data_dir("fieldreg", appauthor=False, roaming=False) on Windows }
  Result := ExpandConstant('{localappdata}\{#AppName}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
  begin
    DeleteData := False;
    if DirExists(DataDir) then
      { Default button "No"; /SUPPRESSMSGBOXES and silent uninstalls take IDNO: keep. }
      DeleteData := SuppressibleMsgBox(FmtMessage(CustomMessage('AskDeleteData'), [DataDir]),
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES;
  end
  else if CurUninstallStep = usPostUninstall then
  begin
    if DeleteData then
    begin
      if not DelTree(DataDir, True, True, True) then
        SuppressibleMsgBox(FmtMessage(CustomMessage('DataNotDeleted'), [DataDir]),
          mbError, MB_OK, IDOK);
    end
    else if DirExists(DataDir) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
