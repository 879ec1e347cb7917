"""The one error of cnnlab.models: an unknown network, option or option value."""
from cnnlab.errors import CnnlabError


class ModelError(CnnlabError):
    """Raised by ``cnnlab.models.build`` and the builders, as a code and values (``cnnlab.i18n.errors`` words it)."""
