"""The human-readable evidence report: HTML (jinja2) and PDF (fpdf2), from the same data.

Everything in it is read back from the exported records themselves (headers, digests, the
screenshot) or from the custody ledger, so the report says nothing the package cannot prove.
"""

from __future__ import annotations

import base64
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from jinja2 import Environment, PackageLoader, select_autoescape
from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from lurewatch.evidence.collect import CollectedRecord
from lurewatch.evidence.ledger import LedgerEntry
from lurewatch.models import Entity
from lurewatch.warc.captures import capture_of, is_html_page
from lurewatch.warc.reader import StoredRecord

log = logging.getLogger(__name__)

# Unicode fonts, first found wins; CJK as a fallback for scripts DejaVu lacks (Debian packages
# fonts-dejavu-core and fonts-noto-cjk).
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
MAIN_FONTS = ("DejaVuSans.ttf", "NotoSans-Regular.ttf", "LiberationSans-Regular.ttf")
MONO_FONTS = ("DejaVuSansMono.ttf", "NotoSansMono-Regular.ttf", "LiberationMono-Regular.ttf")
FALLBACK_FONTS = ("NotoSansCJK-Regular.ttc",)
SCREENSHOT_TYPES = ("image/png", "image/jpeg")
CERT_TYPES = ("application/pkix-cert", "application/x-x509-ca-cert", "application/x-pem-file")


@dataclass(frozen=True)
class RecordRow:
    rec_type: str
    uri: str
    record_id: str
    date: str
    source: str
    sha256: str
    block_digest: str
    payload_digest: str


@dataclass
class ReportData:
    url: str
    title: str
    captured_at: str
    requested_at: str
    record_type: str
    status_line: str
    server_ip: str
    payload_digest: str
    request_line: str
    request_headers: list[tuple[str, str]]
    response_headers: list[tuple[str, str]]
    tls: list[tuple[str, str]]
    tls_note: str
    screenshot: bytes | None
    screenshot_type: str
    entities: list[Entity]
    records: list[RecordRow]
    sources: list[tuple[str, str]]
    custody: list[LedgerEntry]
    ledger_head: str
    key_fingerprint: str
    tool: str
    operator: str
    generated_at: str
    tsa_urls: list[str] = field(default_factory=list)

    @property
    def screenshot_data_uri(self) -> str:
        if not self.screenshot:
            return ""
        return f"data:{self.screenshot_type};base64,{base64.b64encode(self.screenshot).decode('ascii')}"


def parse_raw(raw: bytes) -> tuple[ArcWarcRecord, bytes]:
    for record in ArchiveIterator(io.BytesIO(raw)):
        return record, record.content_stream().read()
    raise ValueError("no record in these bytes")


def _tls_rows(content: bytes, content_type: str) -> list[tuple[str, str]]:
    cert = x509.load_pem_x509_certificate(content) if "pem" in content_type else x509.load_der_x509_certificate(content)
    return [
        ("Subject", cert.subject.rfc4514_string()),
        ("Issuer", cert.issuer.rfc4514_string()),
        ("Serial", format(cert.serial_number, "x")),
        ("Valid from", f"{cert.not_valid_before_utc:%Y-%m-%dT%H:%M:%SZ}"),
        ("Valid until", f"{cert.not_valid_after_utc:%Y-%m-%dT%H:%M:%SZ}"),
        ("SHA-256 fingerprint", cert.fingerprint(hashes.SHA256()).hex()),
    ]


def _analysis(main: CollectedRecord, source: tuple[ArcWarcRecord, bytes]) -> tuple[str, list[Entity]]:
    """Title and entities re-derived from the exported bytes (a revisit's original holds the payload)."""
    # The parsing stack takes seconds to import and only this step needs it.
    from lurewatch.analysis import analyze

    record, content = source
    stored = StoredRecord(main.head.warc, main.head.offset, main.head.length, main.sha256, record, content)
    if record.rec_type != "response" or not is_html_page(stored):
        return "", []
    page = analyze(capture_of(stored))
    return page.title, sorted(set(page.entities))


@dataclass(frozen=True)
class ReportContext:
    url: str
    requested_at: str
    custody: list[LedgerEntry]
    ledger_head: str
    key_fingerprint: str
    tool: str
    operator: str
    generated_at: str
    tsa_urls: list[str]


def build_report_data(records: list[CollectedRecord], main_id: str, ctx: ReportContext) -> ReportData:
    parsed = {r.head.record_id: parse_raw(r.raw) for r in records}
    main = next(r for r in records if r.head.record_id == main_id)
    record, content = parsed[main_id]
    rh = record.rec_headers
    original = parsed.get(main.head.refers_to) if main.head.rec_type == "revisit" else None
    request = next(
        (parsed[r.head.record_id][0] for r in records if r.head.rec_type == "request" and main_id in r.head.links), None
    )
    screenshot: bytes | None = None
    shot_type, tls_note = "", ""
    tls: list[tuple[str, str]] = []
    for r in records:
        rec, body = parsed[r.head.record_id]
        ctype = (rec.rec_headers.get_header("Content-Type") or "").split(";")[0].strip()
        if r.head.rec_type in ("resource", "conversion") and ctype in SCREENSHOT_TYPES and screenshot is None:
            screenshot, shot_type = body, ctype
        if r.head.rec_type in ("resource", "metadata") and ctype in CERT_TYPES and not tls:
            tls = _tls_rows(body, ctype)
    if not tls:
        tls_note = (
            "The TLS certificate was not recorded with this capture."
            if ctx.url.startswith("https:")
            else "Not applicable: the page was fetched over plain HTTP."
        )
    http = record.http_headers
    title, entities = _analysis(main, original or (record, content))
    return ReportData(
        url=ctx.url,
        title=title,
        captured_at=rh.get_header("WARC-Date") or "",
        requested_at=ctx.requested_at,
        record_type=record.rec_type,
        status_line=f"{http.protocol} {http.statusline}" if http is not None else "-",
        server_ip=rh.get_header("WARC-IP-Address") or "",
        payload_digest=rh.get_header("WARC-Payload-Digest") or "",
        request_line=f"{request.http_headers.protocol} {request.http_headers.statusline}".strip()
        if request is not None and request.http_headers is not None
        else "",
        request_headers=list(request.http_headers.headers)
        if request is not None and request.http_headers is not None
        else [],
        response_headers=list(http.headers) if http is not None else [],
        tls=tls,
        tls_note=tls_note,
        screenshot=screenshot,
        screenshot_type=shot_type,
        entities=entities,
        records=[
            RecordRow(
                r.head.rec_type,
                r.head.uri,
                r.head.record_id,
                r.head.date,
                f"{r.head.warc} @ {r.head.offset}, {r.head.length} bytes",
                r.sha256,
                parsed[r.head.record_id][0].rec_headers.get_header("WARC-Block-Digest") or "",
                parsed[r.head.record_id][0].rec_headers.get_header("WARC-Payload-Digest") or "",
            )
            for r in records
        ],
        sources=sorted({(r.head.warc, r.source_file_sha256) for r in records}),
        custody=ctx.custody,
        ledger_head=ctx.ledger_head,
        key_fingerprint=ctx.key_fingerprint,
        tool=ctx.tool,
        operator=ctx.operator,
        generated_at=ctx.generated_at,
        tsa_urls=ctx.tsa_urls,
    )


# -- HTML -------------------------------------------------------------------------------------------

_ENV = Environment(
    loader=PackageLoader("lurewatch.evidence", "templates"), autoescape=select_autoescape(["html", "j2"])
)


def render_html(data: ReportData) -> str:
    return _ENV.get_template("report.html.j2").render(r=data)


# -- PDF --------------------------------------------------------------------------------------------


def find_font(names: tuple[str, ...]) -> Path | None:
    for name in names:
        for base in FONT_DIRS:
            if base.is_dir():
                found = next(iter(sorted(base.rglob(name))), None)
                if found is not None:
                    return found
    return None


class _Pdf(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.unicode = False
        main, mono, fallback = find_font(MAIN_FONTS), find_font(MONO_FONTS), find_font(FALLBACK_FONTS)
        if main is not None:
            self.add_font("body", "", str(main))
            self.add_font("mono", "", str(mono or main))
            if fallback is not None:
                self.add_font("fallback", "", str(fallback), collection_font_number=0)
                self.set_fallback_fonts(["fallback"])
            self.unicode = True
        else:
            log.warning("no Unicode font found in %s: the PDF uses a Latin-1 core font", ", ".join(map(str, FONT_DIRS)))
        self.set_auto_page_break(True, margin=15)
        self.add_page()

    def text_of(self, value: str) -> str:
        return value if self.unicode else value.encode("latin-1", "replace").decode("latin-1")

    def use(self, kind: str, size: float) -> None:
        if self.unicode:
            self.set_font(kind, size=size)
        else:
            self.set_font("Courier" if kind == "mono" else "Helvetica", size=size)

    def para(self, value: str, kind: str = "body", size: float = 9) -> None:
        self.use(kind, size)
        self.multi_cell(0, size * 0.5, self.text_of(value), wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, value: str) -> None:
        self.ln(2)
        self.para(value, size=12)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1)

    def pairs(self, rows: list[tuple[str, str]]) -> None:
        for key, value in rows:
            self.para(f"{key}: {value}", kind="mono", size=7.5)


def render_pdf(data: ReportData) -> bytes:
    pdf = _Pdf()
    pdf.para("Evidence report", size=16)
    pdf.para(
        f"Produced by {data.tool} on {data.generated_at} for operator {data.operator or '(not configured)'}."
        " Every hash is SHA-256."
    )
    if not pdf.unicode:
        pdf.para(
            "Note: no Unicode font was found on the machine that made this PDF; characters outside Latin-1"
            " are shown as '?'. The HTML report is complete."
        )
    pdf.heading("Capture")
    pdf.pairs(
        [
            ("URL", data.url),
            ("Title", data.title or "-"),
            ("Capture time (UTC)", data.captured_at),
            *([("Capture in force at", data.requested_at)] if data.requested_at else []),
            ("Record type", data.record_type),
            ("HTTP status", data.status_line),
            ("Server IP address", data.server_ip or "not recorded"),
            ("Payload digest", data.payload_digest or "-"),
        ]
    )
    pdf.heading("TLS certificate")
    if data.tls:
        pdf.pairs(data.tls)
    else:
        pdf.para(data.tls_note)
    pdf.heading("Request headers")
    pdf.pairs([("Request line", data.request_line or "not recorded"), *data.request_headers])
    pdf.heading("Response headers")
    pdf.pairs(data.response_headers)
    pdf.heading("Screenshot")
    if data.screenshot:
        pdf.image(io.BytesIO(data.screenshot), w=pdf.epw)
    else:
        pdf.para("No screenshot was taken of this capture (not rendered in a browser).")
    pdf.heading("Entities found")
    pdf.pairs([(e.type, e.value) for e in data.entities] or [("none", "-")])
    pdf.heading("Records and hashes")
    for row in data.records:
        pdf.pairs(
            [
                (row.rec_type, row.uri),
                ("  record", f"{row.record_id} {row.date}"),
                ("  source", row.source),
                ("  sha256", row.sha256),
                *([("  block", row.block_digest)] if row.block_digest else []),
                *([("  payload", row.payload_digest)] if row.payload_digest else []),
            ]
        )
    pdf.heading("Source WARC files")
    pdf.pairs([(name, f"sha256 {digest}") for name, digest in data.sources])
    pdf.heading("Signature")
    pdf.pairs(
        [
            ("Signing key fingerprint", data.key_fingerprint),
            ("Scheme", "WACZ signing spec, anonymous signature (ECDSA P-256, SHA-256)"),
            *([("RFC 3161 TSA", ", ".join(data.tsa_urls))] if data.tsa_urls else []),
        ]
    )
    pdf.heading("Custody")
    if not data.custody:
        pdf.para("No custody ledger entries concern this capture.")
    for e in data.custody:
        pdf.pairs(
            [
                (f"#{e.seq} {e.time}", f"{e.operator} | {e.action} | {e.subject}"),
                ("  sha256", e.sha256),
                ("  entry", f"{e.hash} ({e.tool})"),
            ]
        )
    pdf.para(f"Custody ledger head at export: {data.ledger_head}", size=8)
    return bytes(pdf.output())
