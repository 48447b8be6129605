"""Installing the kiosk on a Debian or Raspberry Pi OS machine: install, update (with rollback), uninstall.

Standard library and kiosk.core only, so `python3 -m kiosk.deploy` runs from the wheel itself on a machine
that has nothing else yet (PYTHONPATH=the wheel: a pure-Python wheel is a zip Python imports from).
"""
