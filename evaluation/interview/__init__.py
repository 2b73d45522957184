"""The interview itself, pure: answers, the way through the questions, scoring,
values typed, paper forms keyed back, the progress code and the way travelled."""
