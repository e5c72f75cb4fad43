"""The app's screens: the library, the reader and help."""
