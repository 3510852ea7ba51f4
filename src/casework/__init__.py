"""Casework: the working system of the APMBC Committee on Cooperation and Assistance."""

__version__ = "0.1.0"
