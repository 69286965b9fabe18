"""What the three subsystems share: errors, seeding, devices, the data root,
checkpoints, the training loop and the run record (metrics.json)."""
