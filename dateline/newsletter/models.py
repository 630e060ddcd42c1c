"""Subscribers, subscriptions, issues and the send log (built in the newsletter issue)."""
