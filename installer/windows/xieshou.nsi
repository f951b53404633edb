; 携手填报 — Windows setup program (NSIS 3, Unicode). Per-user install: no administrator rights needed.
;   makensis -DBUNDLE=<folder of the PyInstaller bundle> -DVERSION=0.1.0 -DOUTFILE=<setup.exe> xieshou.nsi
; The bundle folder holds xieshou.exe (windowed), xieshou-cli.exe (console) and _internal\.
; The data folder %LOCALAPPDATA%\xieshou (drafts, settings) is kept on uninstall unless the user asks.
Unicode true
!include "MUI2.nsh"
!include "FileFunc.nsh"

!ifndef BUNDLE
  !error "makensis -DBUNDLE=<bundle folder> is required"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "xieshou-setup-${VERSION}.exe"
!endif
!define APP "携手填报"
!define PUBLISHER "携手填报项目组"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\xieshou"
!define DATA_DIR "$LOCALAPPDATA\xieshou"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\xieshou"
InstallDirRegKey HKCU "Software\xieshou" "InstallDir"
RequestExecutionLevel user
!ifdef FAST_COMPRESSION  ; the CI check of the script on Linux: quick, not small
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
!endif
ManifestDPIAware true

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "Copyright (c) 2026 携手填报开发者，MIT 许可证"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"

!define MUI_ICON "xieshou.ico"
!define MUI_UNICON "xieshou.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\xieshou.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开携手填报"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "LICENSE.txt"  ; MIT, UTF-8 with BOM (tests/test_about.py keeps it equal to LICENSE)
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; Register "open with 携手填报" for a file type without taking it over (OpenWithProgids).
!macro Associate EXT PROGID TEXT
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "${TEXT}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\xieshou.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "FriendlyAppName" "${APP}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\xieshou.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\xieshou.exe\SupportedTypes" "${EXT}" ""
!macroend
!macro Unassociate EXT PROGID
  DeleteRegValue HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
!macroend

Section "携手填报" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; A new version replaces the program files; the data folder is elsewhere and untouched.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\xieshou" "InstallDir" "$INSTDIR"

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\xieshou.exe" "" "$INSTDIR\xieshou.exe" 0 SW_SHOWNORMAL "" "填报、导出、刻录与收件审核"
  CreateShortCut "$DESKTOP\${APP}.lnk" "$INSTDIR\xieshou.exe"

  !insertmacro Associate ".iso" "Xieshou.DiscImage" "光盘映像（携手填报可核验）"
  !insertmacro Associate ".json" "Xieshou.Data" "携手填报数据文件"
  !insertmacro Associate ".xlsx" "Xieshou.Catalogue" "需求目录（携手填报可导入）"
  WriteRegStr HKCU "Software\Classes\Applications\xieshou.exe" "FriendlyAppName" "${APP}"
  WriteRegStr HKCU "Software\Classes\Applications\xieshou.exe\shell\open\command" "" '"$INSTDIR\xieshou.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\xieshou.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  !insertmacro Unassociate ".iso" "Xieshou.DiscImage"
  !insertmacro Unassociate ".json" "Xieshou.Data"
  !insertmacro Unassociate ".xlsx" "Xieshou.Catalogue"
  DeleteRegKey HKCU "Software\Classes\Applications\xieshou.exe"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\xieshou.exe"
  Delete "$INSTDIR\xieshou-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\xieshou"
  ; Drafts and settings stay unless the user says otherwise (a silent uninstall always keeps them).
  IfSilent keep
  IfFileExists "${DATA_DIR}\*.*" 0 keep
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "是否同时删除全部草稿、导出记录和设置？$\r$\n（位于 ${DATA_DIR}）$\r$\n$\r$\n选“否”则保留，重新安装后可继续使用。删除后无法恢复。" IDYES remove IDNO keep
  remove:
    RMDir /r "${DATA_DIR}"
  keep:
SectionEnd
