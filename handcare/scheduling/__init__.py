"""Background work: the tasks the worker runs, the cron table and the scheduler that enqueues them."""
