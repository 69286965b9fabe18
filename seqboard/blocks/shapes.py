"""Output-size arithmetic for convolution and pooling.

For one spatial axis of size H, a kernel FH, stride S, padding P and dilation D:

    out = floor((H + 2P - D(FH - 1) - 1) / S) + 1

With D = 1 this is the course's (H + 2P - FH) / S + 1. The width follows the same rule
with W and FW in place of H and FH (the slide's width line repeats H by mistake).
torch's Conv and MaxPool layers use this formula (with ceil_mode=False for pooling).
"""


def conv_output_size(
    size: int,
    kernel: int,
    stride: int = 1,
    padding: int = 0,
    dilation: int = 1,
) -> int:
    """Return the output length of a convolution along one axis.

    Raises ValueError when a size is not positive or the dilated kernel is larger than
    the padded input.
    """
    for name, value in (("size", size), ("kernel", kernel), ("stride", stride), ("dilation", dilation)):
        if value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value}")
    if padding < 0:
        raise ValueError(f"padding must be 0 or more, got {padding}")

    padded = size + 2 * padding
    span = dilation * (kernel - 1) + 1
    if span > padded:
        raise ValueError(
            f"kernel {kernel} (dilation {dilation}, span {span}) exceeds the padded input "
            f"{padded} (size {size} + 2 * padding {padding}); use a smaller kernel or more padding"
        )
    return (padded - span) // stride + 1


def pool_output_size(
    size: int,
    kernel: int,
    stride: int | None = None,
    padding: int = 0,
    dilation: int = 1,
) -> int:
    """Return the output length of max or average pooling along one axis.

    The stride defaults to the kernel size, as in torch's pooling layers.
    """
    if stride is None:
        stride = kernel
    return conv_output_size(size, kernel, stride, padding, dilation)


def conv2d_output_shape(
    height: int,
    width: int,
    kernel: int | tuple[int, int],
    stride: int | tuple[int, int] = 1,
    padding: int | tuple[int, int] = 0,
) -> tuple[int, int]:
    """Return (H_out, W_out) of a 2-D convolution; each argument may be one int or a pair."""
    kernel_h, kernel_w = _pair(kernel)
    stride_h, stride_w = _pair(stride)
    padding_h, padding_w = _pair(padding)
    return (
        conv_output_size(height, kernel_h, stride_h, padding_h),
        conv_output_size(width, kernel_w, stride_w, padding_w),
    )


def _pair(value: int | tuple[int, int]) -> tuple[int, int]:
    if isinstance(value, int):
        return value, value
    return value
