"""U-Net for image-to-image tasks such as segmentation (lecture: CNNs, 2.5 U-Net).

Paper: Ronneberger, Fischer & Brox, "U-Net: Convolutional Networks for Biomedical
Image Segmentation" (2015). An encoder (Conv→ReLU→Conv→ReLU→MaxPool, channels
doubling) captures context; a symmetric decoder (UpConv→Concat→Conv→ReLU)
restores resolution, and the skip connections concatenate each encoder level's
features to the decoder level of the same size, which carries the location
detail the bottleneck has lost. Unlike the paper (unpadded convolutions, output
smaller than the input) every convolution is padded, so the output has the
input's spatial size whenever H and W are multiples of 2^3 = 8 (three poolings).
The head returns logits: the loss (binary cross-entropy on logits) applies the sigmoid.
"""

from __future__ import annotations

import torch
from torch import nn


class DoubleConv(nn.Module):
    """Conv3x3 → ReLU → Conv3x3 → ReLU, padding 1 (spatial size kept)."""

    def __init__(self, c_in: int, c_out: int):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(c_in, c_out, 3, padding=1), nn.ReLU(),
            nn.Conv2d(c_out, c_out, 3, padding=1), nn.ReLU(),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)


class UNet(nn.Module):
    """Three-level U-Net: `UNet(in_ch, out_ch)(x)` maps (N, in_ch, H, W) to logits (N, out_ch, H, W).

    Args:
        in_ch: input channels.  out_ch: output channels (one logit map per class).
        width: channels of the first level (doubled at each level down).
    """

    def __init__(self, in_ch: int, out_ch: int, width: int = 16):
        super().__init__()
        c = width
        self.enc1, self.enc2, self.enc3 = DoubleConv(in_ch, c), DoubleConv(c, 2 * c), DoubleConv(2 * c, 4 * c)
        self.bottleneck = DoubleConv(4 * c, 8 * c)
        self.pool = nn.MaxPool2d(2)
        # "up-convolutions": 2x2 transposed convolutions with stride 2 double H and W, halve the channels
        self.up3, self.up2, self.up1 = (nn.ConvTranspose2d(k, k // 2, 2, stride=2) for k in (8 * c, 4 * c, 2 * c))
        # after Concat the decoder sees [up-sampled, skip]: twice the level's channels
        self.dec3, self.dec2, self.dec1 = DoubleConv(8 * c, 4 * c), DoubleConv(4 * c, 2 * c), DoubleConv(2 * c, c)
        self.head = nn.Conv2d(c, out_ch, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x: (N, in_ch, H, W), H and W multiples of 8 -> logits (N, out_ch, H, W)."""
        e1 = self.enc1(x)  # (N, c, H, W)
        e2 = self.enc2(self.pool(e1))  # (N, 2c, H/2, W/2)
        e3 = self.enc3(self.pool(e2))  # (N, 4c, H/4, W/4)
        b = self.bottleneck(self.pool(e3))  # (N, 8c, H/8, W/8)
        # d_l = DoubleConv(concat[up(d_{l+1}), e_l]): the skip brings back level l's detail
        d3 = self.dec3(torch.cat([self.up3(b), e3], dim=1))  # (N, 4c, H/4, W/4)
        d2 = self.dec2(torch.cat([self.up2(d3), e2], dim=1))  # (N, 2c, H/2, W/2)
        d1 = self.dec1(torch.cat([self.up1(d2), e1], dim=1))  # (N, c, H, W)
        return self.head(d1)  # (N, out_ch, H, W), logits
