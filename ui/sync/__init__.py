"""Sync in the app: the page, the enrolment panel, the history table, the controller that runs
every sync (by the button or automatically) through the task runner, and the words for them."""
