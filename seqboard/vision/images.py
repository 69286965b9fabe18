"""An image file turned into an MNIST-like digit: 28 x 28, white ink on black, centred.

MNIST's digits were scaled, keeping their aspect ratio, to fit a 20 x 20 box and then
placed in the 28 x 28 field so that their centre of mass falls on the centre (LeCun et
al., the MNIST page). `load_digit` does the same to any image that Pillow reads:
1. the ink: for an image with transparent pixels the opacity (a digit drawn on a
   transparent canvas), else the grey level, 8- or 16-bit, inverted when the border is
   light (dark ink on paper);
2. the contrast stretched to [0, 1], then the bounding box of the ink cropped;
3. the crop resized so its longer side is 20 pixels, and pasted into 28 x 28 with its
   centre of mass at (14, 14).
"""

import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from seqboard.vision.errors import ImageFileError

FIELD = 28
BOX = 20
# Images above this many pixels are rejected before they are decoded (Pillow's own
# decompression-bomb warning starts at about 89 million).
MAX_PIXELS = 40_000_000
# Larger images are shrunk to this longer side before the ink is measured.
WORKING_SIZE = 1024
# Ink below this fraction of the full range counts as background when cropping.
INK_THRESHOLD = 0.2
MIN_CONTRAST = 0.1


def load_digit(path: str | Path) -> np.ndarray:
    """Return the image file as a (28, 28) uint8 MNIST-like digit; raise ImageFileError."""
    path = Path(path)
    image = _open(path)
    ink = _ink(image)  # (H, W) float in [0, 1], 1 = ink

    low, high = float(ink.min()), float(ink.max())
    if high - low < MIN_CONTRAST:
        raise ImageFileError(
            f"{path}: the image is uniform ({image.width}x{image.height} pixels, contrast {high - low:.2f}), "
            "so it holds no digit; pass a picture of one digit"
        )
    ink = (ink - low) / (high - low)
    return _centre(_crop(ink))


def _open(path: Path) -> Image.Image:
    """Open and decode the file, rejecting what Pillow cannot read and oversized images."""
    if path.is_dir():
        raise ImageFileError(f"{path}: is a folder, not an image; pass its image files, such as {path}/*.png")

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            if image.width * image.height > MAX_PIXELS:
                raise ImageFileError(
                    f"{path}: the image is {image.width}x{image.height} pixels, more than the "
                    f"{MAX_PIXELS:,} accepted; shrink it first"
                )
            image.load()
    except FileNotFoundError:
        raise ImageFileError(f"{path}: file not found") from None
    except UnidentifiedImageError:
        raise ImageFileError(f"{path}: not an image file that Pillow can read (empty, text or unknown format)") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageFileError(f"{path}: the image is too large to decode safely; shrink it first") from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageFileError(f"{path}: the image is damaged or truncated ({error})") from None
    return ImageOps.exif_transpose(image)


def _ink(image: Image.Image) -> np.ndarray:
    """Return (H, W) ink in [0, 1] where 1 is the digit's stroke."""
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if max(image.size) > WORKING_SIZE and image.mode in ("1", "L", "LA", "RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode else "L")
        image.thumbnail((WORKING_SIZE, WORKING_SIZE), Image.Resampling.BOX)

    if image.mode in ("RGBA", "LA", "PA"):
        alpha = np.asarray(image.getchannel("A"), dtype=np.float32) / 255.0
        if alpha.min() < 1.0:
            return alpha
        image = image.convert("L")

    grey = _grey_levels(image)  # (H, W) in [0, 1], 1 = white
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    # MNIST's ink is white on black; a light border means dark ink on paper.
    return 1.0 - grey if np.median(border) > 0.5 else grey


def _grey_levels(image: Image.Image) -> np.ndarray:
    """Return the grey level in [0, 1] for 8-bit, 16-bit, 32-bit integer and float images."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        values = np.asarray(image, dtype=np.float64)
        full_scale = 65535.0 if image.mode.startswith("I;16") or values.max() > 255 else 255.0
        return np.clip(values / full_scale, 0.0, 1.0)
    if image.mode == "F":
        values = np.asarray(image, dtype=np.float64)
        return np.clip(values / max(values.max(), 1e-12), 0.0, 1.0)
    return np.asarray(image.convert("L"), dtype=np.float64) / 255.0


def _crop(ink: np.ndarray) -> np.ndarray:
    """Return the bounding box of the pixels above INK_THRESHOLD."""
    rows = np.flatnonzero((ink > INK_THRESHOLD).any(axis=1))
    columns = np.flatnonzero((ink > INK_THRESHOLD).any(axis=0))
    return ink[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]


def _centre(ink: np.ndarray) -> np.ndarray:
    """Fit the crop into 20 x 20 keeping its aspect ratio; centre its mass in 28 x 28."""
    height, width = ink.shape
    scale = BOX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized = np.asarray(Image.fromarray(ink.astype(np.float32), mode="F").resize(size, Image.Resampling.LANCZOS))
    resized = np.clip(resized, 0.0, 1.0)  # (h, w), h and w <= 20

    field = np.zeros((FIELD, FIELD), dtype=np.float32)
    total = resized.sum()
    rows, columns = np.indices(resized.shape)
    centre_row = (rows * resized).sum() / total if total > 0 else resized.shape[0] / 2
    centre_column = (columns * resized).sum() / total if total > 0 else resized.shape[1] / 2
    top = int(np.clip(round(FIELD / 2 - centre_row), 0, FIELD - resized.shape[0]))
    left = int(np.clip(round(FIELD / 2 - centre_column), 0, FIELD - resized.shape[1]))
    field[top : top + resized.shape[0], left : left + resized.shape[1]] = resized
    return np.round(field * 255).astype(np.uint8)
