"""The ensemble: members' stored softmax outputs added, scored against hand-worked answers."""

import pytest
import torch

from seqboard.vision.ensemble import combine


def test_ensemble_sum_of_stored_outputs():
    # Three members, four examples, three classes; true labels 0 1 2 0.
    labels = torch.tensor([0, 1, 2, 0])
    member_a = torch.tensor([[0.6, 0.3, 0.1], [0.5, 0.4, 0.1], [0.1, 0.2, 0.7], [0.2, 0.5, 0.3]])
    member_b = torch.tensor([[0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.4, 0.4, 0.2]])
    member_c = torch.tensor([[0.5, 0.4, 0.1], [0.3, 0.3, 0.4], [0.6, 0.2, 0.2], [0.3, 0.6, 0.1]])
    result = combine([member_a, member_b, member_c], labels)

    # By hand: a is right on 0 and 2 (2/4); b on 1 and 2, and example 3 ties 0.4/0.4 with argmax
    # taking the first, class 0, so right (3/4); c on 0 only (1/4).
    assert result.member_accuracies == pytest.approx([0.5, 0.75, 0.25])
    # Averages: ex0 (1.3, 1.4, 0.3)/3 -> 1 (wrong); ex1 (0.9, 1.5, 0.6)/3 -> 1 (right);
    # ex2 (1.0, 0.7, 1.3)/3 -> 2 (right); ex3 (0.9, 1.5, 0.6)/3 -> 1 (wrong). So 2/4.
    assert result.ensemble_accuracy == pytest.approx(0.5)


def test_ensemble_beats_members_when_errors_differ():
    labels = torch.tensor([0, 1, 2])
    eye = torch.eye(3)
    # Each member is wrong, weakly, on a different example.
    members = []
    for wrong in range(3):
        member = eye.clone() * 0.6 + 0.2
        member[wrong] = torch.tensor([0.34, 0.33, 0.33]).roll(int(labels[wrong]) + 1)
        members.append(member)
    result = combine(members, labels)
    assert result.member_accuracies == pytest.approx([2 / 3] * 3)
    assert result.ensemble_accuracy == pytest.approx(1.0)


def test_ensemble_needs_members():
    with pytest.raises(ValueError, match="at least one"):
        combine([], torch.tensor([0]))
