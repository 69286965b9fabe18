"""Image files to MNIST-like digits, and the predict command on every bad input."""

import numpy as np
import pytest
from PIL import Image

from seqboard.cli import main
from seqboard.core.checkpoint import save_checkpoint
from seqboard.vision.errors import ImageFileError
from seqboard.vision.images import load_digit
from seqboard.vision.mnist import load_mnist
from seqboard.vision.models import Mnist2Conv


@pytest.fixture(scope="module")
def mnist_digit() -> np.ndarray:
    """The first MNIST test digit (a 7), white on black, or a drawn 7 without the data."""
    from tests.vision.conftest import data_root

    try:
        return load_mnist(data_root()).test.images[0]
    except Exception:
        return _drawn_seven()


def _drawn_seven() -> np.ndarray:
    """A 7 laid out as MNIST lays out digits: 20 pixels high, centre of mass at the middle."""
    stroke = np.zeros((20, 16), np.float64)
    stroke[0:3, :] = 1.0  # the bar
    for row in range(3, 20):
        right = 16 - (row - 3) * 9 // 17
        stroke[row, right - 3 : right] = 1.0  # the stem, slanting left

    rows, columns = np.indices(stroke.shape)
    top = round(14 - (rows * stroke).sum() / stroke.sum())
    left = round(14 - (columns * stroke).sum() / stroke.sum())
    digit = np.zeros((28, 28), np.uint8)
    digit[top : top + 20, left : left + 16] = (stroke * 255).astype(np.uint8)
    return digit


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a.astype(float).ravel(), b.astype(float).ravel())[0, 1])


@pytest.fixture
def run_folder(tmp_path):
    """An untrained two-convolution run: enough to exercise predict's input handling."""
    model = Mnist2Conv()
    folder = tmp_path / "run"
    save_checkpoint(folder / "checkpoint", "vision.Mnist2Conv", {"model": "mnist-2conv", "config": model.config_dict()}, model.state_dict())
    return folder


def test_digit_black_on_white_large(mnist_digit, tmp_path):
    path = tmp_path / "seven.png"
    Image.fromarray(255 - mnist_digit).resize((280, 280), Image.Resampling.BILINEAR).save(path)
    digit = load_digit(path)
    assert digit.shape == (28, 28)
    assert digit.dtype == np.uint8
    assert correlation(digit, mnist_digit) > 0.9


def test_digit_sixteen_bit(mnist_digit, tmp_path):
    path = tmp_path / "seven16.png"
    Image.fromarray(mnist_digit.astype(np.uint16) * 257).save(path)
    assert Image.open(path).mode.startswith("I")
    assert correlation(load_digit(path), mnist_digit) > 0.9


def test_digit_palette(mnist_digit, tmp_path):
    path = tmp_path / "seven_palette.png"
    Image.fromarray(255 - mnist_digit).convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(path)
    assert Image.open(path).mode == "P"
    assert correlation(load_digit(path), mnist_digit) > 0.85


def test_digit_rgba_transparent(mnist_digit, tmp_path):
    # Black strokes on a transparent canvas: the opacity is the ink.
    rgba = np.zeros((28, 28, 4), np.uint8)
    rgba[..., 3] = mnist_digit
    path = tmp_path / "seven_rgba.png"
    Image.fromarray(rgba, mode="RGBA").save(path)
    assert correlation(load_digit(path), mnist_digit) > 0.9


def test_digit_colour_jpeg(mnist_digit, tmp_path):
    colour = np.stack([255 - mnist_digit, np.full_like(mnist_digit, 255), 255 - mnist_digit], axis=-1)
    path = tmp_path / "seven.jpg"
    Image.fromarray(colour).resize((100, 100)).save(path, quality=95)
    assert correlation(load_digit(path), mnist_digit) > 0.85


def test_digit_very_large_image_shrunk(mnist_digit, tmp_path):
    path = tmp_path / "huge.png"
    Image.fromarray(255 - mnist_digit).resize((4000, 4000), Image.Resampling.NEAREST).save(path)
    assert correlation(load_digit(path), mnist_digit) > 0.85


def test_digit_oversized_image_rejected(tmp_path):
    path = tmp_path / "oversized.png"
    Image.new("1", (8000, 8000)).save(path)  # 64 million pixels, a small file
    with pytest.raises(ImageFileError, match="8000x8000"):
        load_digit(path)


def test_digit_truncated_png_rejected(mnist_digit, tmp_path):
    path = tmp_path / "truncated.png"
    Image.fromarray(mnist_digit).resize((200, 200)).save(path)
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(ImageFileError, match="truncated.png"):
        load_digit(path)


def test_digit_text_file_rejected(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("this is not an image\n")
    with pytest.raises(ImageFileError, match="not an image file"):
        load_digit(path)


def test_digit_empty_file_rejected(tmp_path):
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    with pytest.raises(ImageFileError, match="empty.png"):
        load_digit(path)


def test_digit_folder_rejected(tmp_path):
    folder = tmp_path / "digits"
    folder.mkdir()
    with pytest.raises(ImageFileError, match="is a folder"):
        load_digit(folder)


def test_digit_one_pixel_rejected(tmp_path):
    path = tmp_path / "dot.png"
    Image.new("L", (1, 1), 0).save(path)
    with pytest.raises(ImageFileError, match="uniform"):
        load_digit(path)


def test_predict_bad_inputs_one_line_each(run_folder, tmp_path, capsys, mnist_digit):
    good = tmp_path / "good.png"
    Image.fromarray(mnist_digit).save(good)
    bad = {
        "truncated.png": None,
        "text.png": b"hello\n",
        "empty.png": b"",
    }
    Image.fromarray(mnist_digit).resize((200, 200)).save(tmp_path / "truncated.png")
    bad["truncated.png"] = (tmp_path / "truncated.png").read_bytes()[:300]
    for name, content in bad.items():
        (tmp_path / name).write_bytes(content)
    Image.new("L", (1, 1)).save(tmp_path / "dot.png")

    names = [good, *(tmp_path / name for name in bad), tmp_path / "dot.png"]
    status = main(["vision", "predict", "--model", str(run_folder), *map(str, names)])
    out, err = capsys.readouterr()

    assert status == 2
    assert out.count("\n") == 1
    assert out.startswith(str(good))
    error_lines = err.strip().splitlines()
    assert len(error_lines) == 4
    for line, name in zip(error_lines, ["truncated.png", "text.png", "empty.png", "dot.png"]):
        assert line.startswith("seqboard: error: ")
        assert name in line
    assert "Traceback" not in err


def test_predict_missing_run_is_one_line(tmp_path, capsys):
    status = main(["vision", "predict", "--model", str(tmp_path / "none"), "x.png"])
    assert status == 2
    assert "not found" in capsys.readouterr().err


def test_digit_palette_with_transparency(mnist_digit, tmp_path):
    # Palette index 0 is transparent background; index 1 is the black stroke.
    indices = (mnist_digit > 127).astype(np.uint8)
    image = Image.fromarray(indices, mode="P")
    image.putpalette([255, 255, 255, 0, 0, 0] + [0] * 762)
    path = tmp_path / "seven_palette_transparent.png"
    image.save(path, transparency=0)
    assert "transparency" in Image.open(path).info
    assert correlation(load_digit(path), mnist_digit) > 0.85
