"""gradbook's JupyterLab 4 extension, prebuilt.

The package carries no Python code of its own: pip installs the built assets into
share/jupyter/labextensions/gradbook-labextension (pyproject.toml's shared-data). The function
below tells ``jupyter labextension develop`` where the assets are in a source checkout.
"""


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "gradbook-labextension"}]
