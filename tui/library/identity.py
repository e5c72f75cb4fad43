"""When two articles are the same story: canonical URLs and normalised texts.

The same article reaches a library by several roads — saved as an HTML page, then again as
its feed's item; with a tracking parameter and without; with curly quotes from one
extractor and straight ones from another. Both keys here fold those differences away and
nothing else: two different articles never share a canonical URL, and their texts differ
in more than typography.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that identify a campaign or a click, never the page.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "ref",
        "ref_src",
        "cmpid",
        "ncid",
        "ocid",
        "smid",
        "sr_share",
        "at_medium",
        "at_campaign",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")

# Typography one extractor writes and another does not.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
    }
)
_SPACE = re.compile(r"\s+")


def canonical_url(url: str | None) -> str | None:
    """The URL as a key: http and https alike, host lower-case without ``www.``, no
    fragment, no tracking parameters, the rest of the query sorted, no trailing slash.
    Anything that is not an http(s) URL has no canonical form (None)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    host = host.removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMETERS and not k.lower().startswith(TRACKING_PREFIXES)
    )
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("http", host, path, urlencode(query), ""))


def normalised_text(text: str) -> str:
    """The text with Unicode forms, quotes, dashes, case and white space folded."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return _SPACE.sub(" ", folded).strip()


def text_key(text: str) -> str:
    """A short digest of :func:`normalised_text`: equal for the same story's texts."""
    digest = hashlib.blake2b(normalised_text(text).encode("utf-8", "surrogatepass"), digest_size=12)
    return digest.hexdigest()
