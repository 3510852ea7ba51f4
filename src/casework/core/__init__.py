"""The analyser: a pure-Python core that never imports Django."""
