"""The certificate of completion as an A4 landscape PDF, drawn with fpdf2.

fpdf2 and segno (the QR code) are pure Python from PyPI, so a fresh machine needs no system
libraries. The DejaVu fonts shipped in ``learners/fonts/`` (free licence, see
LICENSE-DejaVu.txt) cover Latin with Turkish and Albanian letters, Serbian and Macedonian
Cyrillic and Bulgarian, so every learner's name renders as written.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

import segno
from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"
INK = (29, 36, 48)
BRAND = (11, 90, 107)
MUTED = (84, 94, 110)


@dataclass(frozen=True)
class CertificateData:
    learner_name: str
    course_title: str
    completed_on: datetime.date
    effort_hours: int
    issuer: str
    verify_url: str
    code: str
    trainers: list[str] = field(default_factory=list)


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    buffer.seek(0)
    return buffer


def render_certificate_pdf(data: CertificateData) -> bytes:
    """The PDF bytes; call inside ``translation.override`` for the learner's language."""
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_title(_("Certificate of completion"))
    pdf.set_author(data.issuer)
    pdf.add_font("Sans", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("Sans", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_font("Serif", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf.add_page()
    width, height = pdf.w, pdf.h

    # A double frame in the brand colour.
    pdf.set_draw_color(*BRAND)
    pdf.set_line_width(1.6)
    pdf.rect(10, 10, width - 20, height - 20)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, width - 28, height - 28)

    def centred(text: str, *, y: float, font: str, style: str, size: float, colour) -> None:
        pdf.set_xy(25, y)
        pdf.set_font(font, style, size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width - 50, size * 0.5, text, align="C")

    centred(data.issuer.upper(), y=26, font="Sans", style="B", size=12, colour=BRAND)
    centred(_("Certificate of completion"), y=42, font="Serif", style="B", size=30, colour=INK)
    centred(_("This certifies that"), y=64, font="Sans", style="", size=13, colour=MUTED)
    centred(data.learner_name, y=76, font="Serif", style="B", size=28, colour=INK)
    centred(
        _("has completed the online course"), y=96, font="Sans", style="", size=13, colour=MUTED
    )
    centred(data.course_title, y=106, font="Sans", style="B", size=18, colour=BRAND)
    completed = formats.date_format(data.completed_on, "DATE_FORMAT")
    centred(
        _("Completed on %(date)s · Estimated effort %(hours)s hours")
        % {"date": completed, "hours": data.effort_hours},
        y=128,
        font="Sans",
        style="",
        size=11,
        colour=MUTED,
    )

    # Trainers' names over signature lines, left to right.
    trainers = data.trainers[:3]
    slot = 58
    for index, name in enumerate(trainers):
        x = 30 + index * (slot + 8)
        pdf.set_draw_color(*MUTED)
        pdf.line(x, 168, x + slot, 168)
        pdf.set_xy(x, 170)
        pdf.set_font("Sans", "B", 10)
        pdf.set_text_color(*INK)
        pdf.multi_cell(slot, 5, name, align="C")
        pdf.set_x(x)
        pdf.set_font("Sans", "", 8)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(slot, 4, _("Trainer"), align="C")

    # The QR code and the address that verifies this certificate.
    pdf.image(_qr_png(data.verify_url), x=width - 64, y=height - 86, w=36, h=36)
    pdf.set_xy(width - 76, height - 48)
    pdf.set_font("Sans", "", 7)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(58, 3.2, _("Verify at %(url)s") % {"url": data.verify_url}, align="C")
    return bytes(pdf.output())
