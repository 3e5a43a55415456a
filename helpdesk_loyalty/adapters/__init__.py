"""Helpdesk adapters: one package per helpdesk, behind the contract in :mod:`.base`."""
