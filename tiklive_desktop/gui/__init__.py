"""The Qt user interface: widgets wire signals to core and storage; they compute nothing."""
