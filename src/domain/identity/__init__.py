"""Identity: the people who use the service, their roles, and how they prove who they are."""
