<#
.SYNOPSIS
Builds fieldreg for Windows: the one-folder bundle, the installer and the portable zip.

.DESCRIPTION
On a Windows 10/11 x64 machine with Python 3.11 (x64) and Inno Setup 6.3 or newer:

  1. a build virtual environment, build\venv, with only the project's dependencies and the
     pinned PyInstaller (packaging\requirements-build.txt); no test tools;
  2. the compiled translations (tools\build_translations.py --qm-only);
  3. the executables' version resource and icon (build\version_info.txt, build\fieldreg.ico);
  4. PyInstaller on packaging\fieldreg.spec: dist\fieldreg\ with fieldreg-app.exe (windowed),
     fieldreg.exe (console) and _internal\;
  5. a quick check of the bundle (version, init, status, diagnostics in a scratch folder);
  6. the portable zip: dist\fieldreg-portable-<version>-win64.zip (the bundle + portable.txt:
     its data stays beside the executables, in fieldreg-data\);
  7. the installer: ISCC.exe on packaging\windows\fieldreg.iss ->
     dist\fieldreg-setup-<version>.exe.

.EXAMPLE
powershell -NoProfile -ExecutionPolicy Bypass -File packaging\windows\build.ps1

.EXAMPLE
powershell -File packaging\windows\build.ps1 -Python C:\Python311\python.exe -SkipInstaller
#>
[CmdletBinding()]
param(
  # A Python 3.11 x64 interpreter for the build environment (default: "py -3.11").
  [string]$Python = "",
  # ISCC.exe (default: on PATH, or Inno Setup 6's usual install folders).
  [string]$Iscc = "",
  # Build the bundle and the portable zip only.
  [switch]$SkipInstaller,
  # Recreate build\venv and PyInstaller's work folder.
  [switch]$Clean
)
Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root
$Started = Get-Date

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
  Write-Host "> $Exe $($Arguments -join ' ')"
  # Native programs' stderr (PyInstaller's log, fieldreg's progress) is not a PowerShell error:
  # Windows PowerShell 5.1 would stop on it under "Stop" when the output is redirected.
  $Saved = $ErrorActionPreference
  $ErrorActionPreference = "Continue"
  try { & $Exe @Arguments } finally { $ErrorActionPreference = $Saved }
  if ($LASTEXITCODE -ne 0) { throw "$Exe failed (exit code $LASTEXITCODE)" }
}

# ---------------------------------------------------------------- 1. the build environment
$Venv = Join-Path $Root "build\venv"
$VenvPy = Join-Path $Venv "Scripts\python.exe"
if ($Clean) {
  foreach ($dir in @($Venv, (Join-Path $Root "build\pyinstaller"))) {
    if (Test-Path $dir) { Remove-Item -Recurse -Force $dir }
  }
}
if (-not (Test-Path $VenvPy)) {
  if ($Python) { Invoke-Checked $Python @("-m", "venv", $Venv) }
  else { Invoke-Checked "py" @("-3.11", "-m", "venv", $Venv) }
}
Invoke-Checked $VenvPy @("-c", "import struct, sys; assert sys.version_info[:2] == (3, 11) " +
  "and struct.calcsize('P') == 8, 'Python 3.11 x64 needed, not ' + sys.version")

# Reinstall only when the dependencies or the pins changed.
$Stamp = Join-Path $Venv ".fieldreg-build-installed"
$Wanted = ((Get-FileHash pyproject.toml).Hash + (Get-FileHash packaging\requirements-build.txt).Hash)
if (-not (Test-Path $Stamp) -or (Get-Content $Stamp -Raw).Trim() -ne $Wanted) {
  $env:PIP_DISABLE_PIP_VERSION_CHECK = "1"
  # Only the project (no [test] or [server] extras) and the pinned build tools.
  Invoke-Checked $VenvPy @("-m", "pip", "install", "-q", ".", "-r", "packaging\requirements-build.txt")
  Set-Content -Path $Stamp -Value $Wanted
}

# ---------------------------------------------------------------- 2. translations
Invoke-Checked $VenvPy @("tools\build_translations.py", "--qm-only")

# ---------------------------------------------------------------- 3. version and icon
$Init = Get-Content fieldreg\__init__.py -Raw
if ($Init -notmatch '__version__ = "([^"]+)"') { throw "no __version__ in fieldreg\__init__.py" }
$Version = $Matches[1]
# Windows wants four numbers: 0.2.0 -> 0, 2, 0, 0 (a suffix like rc1 is dropped)
$Numbers = @($Version -split '\.' | ForEach-Object { [int]($_ -replace '^(\d*).*$', '0$1') })
while ($Numbers.Count -lt 4) { $Numbers += 0 }
$Tuple = ($Numbers[0..3] -join ", ")
New-Item -ItemType Directory -Force -Path build | Out-Null
@"
# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers=($Tuple), prodvers=($Tuple), mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'fieldreg'),
      StringStruct('FileDescription', 'fieldreg - pendaftaran BPJS Ketenagakerjaan'),
      StringStruct('FileVersion', '$Version'),
      StringStruct('InternalName', 'fieldreg'),
      StringStruct('ProductName', 'fieldreg'),
      StringStruct('ProductVersion', '$Version')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"@ | Set-Content -Encoding ASCII -Path build\version_info.txt
Invoke-Checked $VenvPy @("packaging\make_icon.py", "build\fieldreg.ico")

# ---------------------------------------------------------------- 4. PyInstaller
$PyInstaller = Join-Path $Venv "Scripts\pyinstaller.exe"
Invoke-Checked $PyInstaller @("--noconfirm", "--log-level", "WARN", "--distpath", "dist",
  "--workpath", "build\pyinstaller", "packaging\fieldreg.spec")
$Bundle = Join-Path $Root "dist\fieldreg"

# ---------------------------------------------------------------- 5. a quick check
$Said = Invoke-Checked (Join-Path $Bundle "fieldreg.exe") @("--version")
if ("$Said".Trim() -ne "fieldreg $Version") {
  throw "dist\fieldreg\fieldreg.exe --version said '$Said', not 'fieldreg $Version'"
}
$Scratch = Join-Path ([IO.Path]::GetTempPath()) ("fieldreg-check-" + [Guid]::NewGuid())
New-Item -ItemType Directory -Path $Scratch | Out-Null
$SavedEnv = @{}
$CheckEnv = @{ FIELDREG_HOME = (Join-Path $Scratch "data"); FIELDREG_PASSWORD = "sandi-uji-1";
               FIELDREG_ARGON2_COST = "1,8192,1" }
try {
  foreach ($k in $CheckEnv.Keys) {
    $SavedEnv[$k] = [Environment]::GetEnvironmentVariable($k)
    [Environment]::SetEnvironmentVariable($k, $CheckEnv[$k])
  }
  Push-Location $Scratch
  $Cli = Join-Path $Bundle "fieldreg.exe"
  Invoke-Checked $Cli @("init", "--device-name", "Laptop Uji", "--regency", "15.05",
    "--volunteer", "Uji") | Out-Null
  Invoke-Checked $Cli @("status")
  Invoke-Checked $Cli @("diagnostics", (Join-Path $Scratch "diag.txt"), "--without-database")
} finally {
  Pop-Location
  foreach ($k in $CheckEnv.Keys) { [Environment]::SetEnvironmentVariable($k, $SavedEnv[$k]) }
  Remove-Item -Recurse -Force $Scratch -ErrorAction SilentlyContinue
}

# ---------------------------------------------------------------- 6. the portable zip
$Stage = Join-Path $Root "build\portable"
if (Test-Path $Stage) { Remove-Item -Recurse -Force $Stage }
New-Item -ItemType Directory -Path $Stage | Out-Null
Copy-Item -Recurse $Bundle (Join-Path $Stage "fieldreg")
@"
fieldreg portabel / portable

Karena berkas ini ada, data disimpan di folder fieldreg-data di sebelah program ini (mis. di
flashdisk), bukan di folder pengguna Windows. Jangan hapus berkas ini selama data ada di sini.

Because this file is here, the data is kept in the fieldreg-data folder beside these programs
(e.g. on a USB stick), not in the Windows user's folder. Do not delete this file while the
data lives here.
"@ | Set-Content -Encoding UTF8 -Path (Join-Path $Stage "fieldreg\portable.txt")
$Zip = Join-Path $Root "dist\fieldreg-portable-$Version-win64.zip"
if (Test-Path $Zip) { Remove-Item -Force $Zip }
Compress-Archive -Path (Join-Path $Stage "fieldreg") -DestinationPath $Zip -CompressionLevel Optimal
Remove-Item -Recurse -Force $Stage

# ---------------------------------------------------------------- 7. the installer
if (-not $SkipInstaller) {
  if (-not $Iscc) {
    $Found = Get-Command ISCC.exe -ErrorAction SilentlyContinue
    if ($Found) { $Iscc = $Found.Source }
  }
  if (-not $Iscc) {
    $Candidates = @(
      (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
      (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
      (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe"))
    $Iscc = $Candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
  }
  if (-not $Iscc) {
    throw "ISCC.exe not found: install Inno Setup 6.3 or newer (e.g. winget install " +
      "JRSoftware.InnoSetup) or pass -Iscc C:\path\to\ISCC.exe; -SkipInstaller skips this step"
  }
  Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", "/DAppVersionNumbers=$($Numbers[0..3] -join '.')",
    "packaging\windows\fieldreg.iss")
}

# ---------------------------------------------------------------- summary
$Size = (Get-ChildItem -Recurse -File $Bundle | Measure-Object -Property Length -Sum).Sum
Write-Host ("dist\fieldreg: {0:N0} MB" -f ($Size / 1MB))
Get-ChildItem dist -File -Filter "fieldreg-*" | ForEach-Object {
  Write-Host ("{0}: {1:N0} MB" -f $_.Name, ($_.Length / 1MB))
}
Write-Host ("built in {0:N0} s" -f ((Get-Date) - $Started).TotalSeconds)
