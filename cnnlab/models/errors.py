"""The one error of cnnlab.models: an unknown network, option or option value."""


class ModelError(ValueError):
    """Raised by ``cnnlab.models.build`` and the builders; the message says what to change."""
