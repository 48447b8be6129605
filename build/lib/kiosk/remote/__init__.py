"""The front desk's remote, as plain Python: paired devices, pairing codes, rate limits, the status it may
show, and the checks and routes of its HTTP API. The Qt server in kiosk/app/remote_server.py only carries
requests to `RemoteService.handle` and its replies back."""
