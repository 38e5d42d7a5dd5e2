"""Loading the spaCy pipeline and registering eventwire's components."""

from .pipeline import DEFAULT_MODEL, load_pipeline

__all__ = ["DEFAULT_MODEL", "load_pipeline"]
