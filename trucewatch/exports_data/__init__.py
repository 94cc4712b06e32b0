"""Code tables of the export formats (data files), with their loaders."""
