from tests.ui.conftest import kiosk, make_kiosk  # noqa: F401 (fixtures for the reporter test)
