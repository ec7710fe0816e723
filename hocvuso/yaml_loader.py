"""The YAML loader every reader here uses: PyYAML's safe loader, in C when PyYAML was built with it
(several times faster on a large course), keeping node positions for messages with lines."""

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader

__all__ = ["Loader"]
