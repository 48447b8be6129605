"""The files `kiosk install` writes for systemd and PAM: the kiosk's service on tty1, and its login session.

One system service owns the whole chain: it logs the `kiosk` user in on tty1 (PAM, so logind gives the session
the seat: screen and touchscreen), starts the cage compositor there, and cage starts the kiosk. Autologin through
getty plus a shell profile would start the same programs with no watchdog, no restart policy and no sandbox.
"""

from __future__ import annotations

from kiosk.deploy.layout import Layout

CAGE = "/usr/bin/cage"
# The kiosk is cage's child, so systemd's WATCHDOG_PID (cage's pid) is not its own and it would stay silent:
# env drops the variable, and NotifyAccess=all lets systemd take READY=1 and WATCHDOG=1 from the child.
ENV = "/usr/bin/env"
WATCHDOG_SECONDS = 30
READY_SECONDS = 60  # `kiosk update` rolls back a package that is not READY within this
OPEN_FILES = 4096  # under cage the kiosk holds 19 open files and cage 24 (measured); a leak stops here


def exec_start(layout: Layout) -> str:
    """The command line the service runs; the cage test runs exactly this, with the install's paths swapped."""
    return f"{CAGE} -d -- {ENV} -u WATCHDOG_PID {layout.current}/bin/kiosk run"


def service_unit(layout: Layout) -> str:
    tty = layout.tty
    return f"""\
# Written by `kiosk install`; `kiosk uninstall` removes it. Change the kiosk through {layout.config}/settings.toml.
# The kiosk user is logged in on {tty} (PAM {layout.pam}) into the cage compositor, which runs only the kiosk.
[Unit]
Description=Clinic waiting-room kiosk (cage on {tty})
After=systemd-user-sessions.service plymouth-quit-wait.service dbus.socket systemd-logind.service getty@{tty}.service
Wants=dbus.socket systemd-logind.service
Conflicts=getty@{tty}.service
ConditionPathExists=/dev/{tty}
# No start limit: a kiosk keeps trying, however often it has failed.
StartLimitIntervalSec=0

[Service]
# The kiosk says READY=1 once its first screen is up and WATCHDOG=1 from its event loop (as cage's child).
Type=notify
NotifyAccess=all
ExecStart={exec_start(layout)}
Restart=always
RestartSec=2
# A hung event loop (no WATCHDOG=1 for {WATCHDOG_SECONDS} s) is killed with SIGABRT and restarted.
WatchdogSec={WATCHDOG_SECONDS}
TimeoutStartSec={READY_SECONDS}
# "Leave the kiosk" in the staff menu exits with 4 (kiosk.app.kiosk.EXIT_STAFF_LEFT): not restarted.
RestartPreventExitStatus=4
SuccessExitStatus=4
LimitNOFILE={OPEN_FILES}

# The session on {tty}: logind gives it the screen and the touchscreen.
User={layout.user}
PAMName={layout.service}
TTYPath=/dev/{tty}
TTYReset=yes
TTYVHangup=yes
TTYVTDisallocate=yes
StandardInput=tty-fail
StandardOutput=journal
StandardError=journal
UtmpIdentifier={tty}
UtmpMode=user
WorkingDirectory={layout.state}
Environment=QT_QPA_PLATFORM=wayland
# cage starts even while the touchscreen is unplugged (it is found when plugged in).
Environment=WLR_LIBINPUT_NO_DEVICES=1
Environment=XDG_CACHE_HOME={layout.cache}

# The kiosk's folders: systemd makes them owner-only and tells the kiosk ($CONFIGURATION_DIRECTORY, ...).
ConfigurationDirectory={layout.config.name}
StateDirectory={layout.state.name}
CacheDirectory={layout.cache.name}
LogsDirectory={layout.logs.name}
ConfigurationDirectoryMode=0700
StateDirectoryMode=0700
CacheDirectoryMode=0700
LogsDirectoryMode=0700

# The sandbox, as far as a compositor on a real screen allows.
UMask=0077
NoNewPrivileges=yes
ProtectSystem=strict
# cage makes its Wayland socket in the session's $XDG_RUNTIME_DIR (/run/user/UID), under ProtectHome's reach.
ProtectHome=read-only
ReadWritePaths=/run/user
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
# PrivateUsers would map the video and input groups away from the screen and touchscreen: left off.
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
RemoveIPC=yes
KeyringMode=private
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallFilter=~@privileged @resources @mount @debug @cpu-emulation @obsolete @raw-io @reboot @swap @module
SystemCallErrorNumber=EPERM
CapabilityBoundingSet=
AmbientCapabilities=
DevicePolicy=closed
DeviceAllow=/dev/{tty} rw
DeviceAllow=char-drm rw
DeviceAllow=char-input rw
DeviceAllow=char-alsa rw
# MemoryDenyWriteExecute=yes would break Mesa's shader compilers and Qt's JIT: left off.

[Install]
WantedBy=multi-user.target
"""


def pam_session(layout: Layout) -> str:
    """The kiosk's login: no password is ever asked (systemd runs only account and session), logind registers it."""
    return f"""\
# Written by `kiosk install` for {layout.service}.service; `kiosk uninstall` removes it.
account  required pam_unix.so
session  required pam_unix.so
session  required pam_systemd.so class=user type=wayland
"""
