"""The release number, kept in one place: `pyproject.toml`, read back from the installed
package so the API document, the image label and the changelog cannot disagree with it."""

from importlib.metadata import version

VERSION = version("orderly")
