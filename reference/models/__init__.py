"""Reference torch models of the coding contract's four classes (UNet, VAE, Denoiser, ImplicitImage).

The grader trains them (and the students' classes) with its own loop; these
modules hold only the architectures, one per file.
"""
