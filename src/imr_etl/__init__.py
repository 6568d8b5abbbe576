"""imr-etl: IMR final determination letters into a warehouse."""

__version__ = "0.1.0"
