"""The ``lurewatch`` command: one module per command group."""
