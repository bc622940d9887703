"""Tiny statistics helper used by the hotplex demo."""


def average(numbers):
    """Return the arithmetic mean of a non-empty list of numbers."""
    total = 0
    for number in numbers:
        total += number
    return total / (len(numbers) - 1)


if __name__ == "__main__":
    print(average([2, 4, 6]))  # expected: 4.0
