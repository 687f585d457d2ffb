"""Contact tokens: the only way entities enter the demo pages, so the answer key stays exact.

Content files write ``[[type:value|display]]``. ``value`` is the entity's normal form (or, for
wallets, the seed an address is derived from); ``display`` is how the page shows it, e.g. a
national-format or full-width phone number, ``name[at]domain[dot]com``, ``@Handle``. Rendering a
token yields its HTML and records the entities a perfect extractor would find in it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lurewatch.demo import wallets

TOKEN_RE = re.compile(r"\[\[(\w+):([^|\]]*)(?:\|(.*?))?\]\](?!\])")

Entity = tuple[str, str]


@dataclass
class Collector:
    """Gathers the entities rendered into one page."""

    entities: set[Entity] = field(default_factory=set)

    def add(self, kind: str, value: str) -> None:
        self.entities.add((kind, value))


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _link(href: str, text: str) -> str:
    return f'<a href="{_esc(href)}">{_esc(text)}</a>'


def _code(text: str) -> str:
    return f"<code>{_esc(text)}</code>"


def _phone(c: Collector, v: str, d: str | None) -> str:
    c.add("phone", v)
    return _esc(d or v)


def _tel(c: Collector, v: str, d: str | None) -> str:
    c.add("phone", v)
    return _link(f"tel:{v}", d or v)


def _whatsapp(c: Collector, v: str, d: str | None) -> str:
    c.add("whatsapp", v)
    c.add("phone", v)
    return _esc(d or v)


def _wa(c: Collector, v: str, d: str | None) -> str:
    c.add("whatsapp", v)
    c.add("phone", v)
    return _link(f"https://wa.me/{v.lstrip('+')}", d or f"wa.me/{v.lstrip('+')}")


def _email(c: Collector, v: str, d: str | None) -> str:
    c.add("email", v.lower())
    return _esc(d or v)


def _mailto(c: Collector, v: str, d: str | None) -> str:
    c.add("email", v.lower())
    return _link(f"mailto:{v}", d or v)


def _telegram(c: Collector, v: str, d: str | None) -> str:
    c.add("telegram", v.lower())
    return _esc(d or f"@{v}")


def _tme(c: Collector, v: str, d: str | None) -> str:
    c.add("telegram", v.lower())
    return _link(f"https://t.me/{v}", d or f"t.me/{v}")


def _wechat(c: Collector, v: str, d: str | None) -> str:
    c.add("wechat", v.lower())
    return _esc(d or v)


def _line(c: Collector, v: str, d: str | None) -> str:
    c.add("line", v.lower())
    return _esc(d or f"@{v}")


def _lineurl(c: Collector, v: str, d: str | None) -> str:
    c.add("line", v.lower())
    return _link(f"https://line.me/ti/p/~{v}", d or f"line.me/ti/p/~{v}")


def _wallet(kind: str, derive: Callable[[str], str], lower: bool = False) -> Callable[..., str]:
    def render(c: Collector, v: str, d: str | None) -> str:
        address = derive(v)
        shown = address.lower() if lower else address
        c.add(kind, address.lower() if kind == "eth_address" else shown)
        return _code(shown)

    return render


def _distractor(derive: Callable[[str], str]) -> Callable[..., str]:
    def render(c: Collector, v: str, d: str | None) -> str:
        return _code(derive(v))

    return render


RENDERERS: dict[str, Callable[[Collector, str, str | None], str]] = {
    "phone": _phone,
    "tel": _tel,
    "whatsapp": _whatsapp,
    "wa": _wa,
    "email": _email,
    "mailto": _mailto,
    "telegram": _telegram,
    "tme": _tme,
    "wechat": _wechat,
    "line": _line,
    "lineurl": _lineurl,
    "tron": _wallet("tron_address", wallets.tron),
    "btc": _wallet("btc_address", wallets.btc_p2pkh),
    "btcsh": _wallet("btc_address", wallets.btc_p2sh),
    "bc1q": _wallet("btc_address", wallets.btc_segwit_v0),
    "bc1p": _wallet("btc_address", wallets.btc_taproot),
    "eth": _wallet("eth_address", wallets.eth),
    "ethlc": _wallet("eth_address", wallets.eth, lower=True),
    # Look-alikes that must NOT be reported.
    "tronbad": _distractor(lambda s: wallets.corrupt_base58(wallets.tron(s))),
    "btcbad": _distractor(lambda s: wallets.corrupt_base58(wallets.btc_p2pkh(s))),
    "bc1bad": _distractor(lambda s: wallets.corrupt_bech32(wallets.btc_segwit_v0(s))),
    "ethbad": _distractor(lambda s: wallets.corrupt_eip55(wallets.eth(s))),
    "txhash": _distractor(wallets.tx_hash),
    "trontx": _distractor(lambda s: wallets.tx_hash(s)[2:]),
}


def render_text(text: str, collector: Collector) -> str:
    """Escape ``text`` as HTML, rendering its tokens and recording their entities."""
    out: list[str] = []
    pos = 0
    for match in TOKEN_RE.finditer(text):
        out.append(_esc(text[pos : match.start()]))
        kind, value, display = match.group(1), match.group(2), match.group(3)
        try:
            renderer = RENDERERS[kind]
        except KeyError:
            raise ValueError(f"unknown token type {kind!r} in {text!r}") from None
        out.append(renderer(collector, value, display))
        pos = match.end()
    out.append(_esc(text[pos:]))
    return "".join(out)


def plain_text(text: str) -> str:
    """Token-free text (for titles, JSON-LD): tokens are not allowed there."""
    if TOKEN_RE.search(text):
        raise ValueError(f"tokens are not allowed here: {text!r}")
    return text
