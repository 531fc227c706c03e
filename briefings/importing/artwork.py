"""Generated pictures for the sample content: initials avatars for authors and abstract lead
images for articles (shapes, never photographs), as PNG bytes, the same for the same input."""

import hashlib
import io
import random

from PIL import Image, ImageDraw, ImageFont

from briefings.core.text import initials

# Dark enough for white initials to read at 4.5:1 or better.
PALETTE = ("#0b5cad", "#8a3b12", "#1d6b43", "#6b2f8a", "#7a5b00", "#2f4858", "#a2264b", "#0f6f75")
LIGHT = ("#f4f6f8", "#dbe7f3", "#f6e7d8", "#e2efe6", "#ece3f2", "#f3ecd0")


def _rng(text):
    # Pictures, not secrets: the same seed draws the same shapes.
    return random.Random(int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big"))  # noqa: S311


def avatar_png(name, size=400):
    """A square PNG: the name's initials in white on a colour chosen by the name."""
    colour = PALETTE[_rng(name).randrange(len(PALETTE))]
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size * 0.4)
    draw.text((size / 2, size / 2), initials(name), fill="#ffffff", font=font, anchor="mm")
    return _png(image)


def abstract_png(seed, width=1600, height=900):
    """A landscape PNG of overlapping translucent circles and bands, different for each seed."""
    rng = _rng(seed)
    base = Image.new("RGB", (width, height), rng.choice(LIGHT))
    layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(rng.randint(5, 9)):
        colour = Image.new("RGB", (1, 1), rng.choice(PALETTE)).getpixel((0, 0))
        alpha = rng.randint(70, 160)
        if rng.random() < 0.6:
            radius = rng.randint(height // 6, height // 2)
            x, y = rng.randint(0, width), rng.randint(0, height)
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*colour, alpha))
        else:
            y = rng.randint(0, height)
            band = rng.randint(height // 12, height // 4)
            slope = rng.randint(-height // 2, height // 2)
            draw.polygon(
                [(0, y), (width, y + slope), (width, y + slope + band), (0, y + band)], fill=(*colour, alpha)
            )
    base.paste(layer, (0, 0), layer)
    return _png(base)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def logo_png(name, size=512):
    """A square logo: the name's first letter in white on the site's blue, with a light rule."""
    image = Image.new("RGB", (size, size), "#0b5cad")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size * 0.58)
    draw.text((size / 2, size * 0.46), (name[:1] or "?").upper(), fill="#ffffff", font=font, anchor="mm")
    draw.rectangle((size * 0.22, size * 0.8, size * 0.78, size * 0.84), fill="#f6c453")
    return _png(image)
