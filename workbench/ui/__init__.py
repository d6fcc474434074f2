"""The Qt front end: the only package that imports PySide6.

``application.run_gui`` starts it; ``main_window.MainWindow`` lays out the panels and
wires them to the services (``workbench.services``), the only way the UI reads or
changes data.
"""
