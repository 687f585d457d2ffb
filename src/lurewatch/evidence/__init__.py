"""Evidence for legal teams: captures by URL and time, verification, export, custody."""
