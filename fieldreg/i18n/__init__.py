"""Words for codes: the core's errors are data; this turns them into Indonesian or English."""
