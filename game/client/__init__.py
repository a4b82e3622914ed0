"""The pygame client: the only code in Six-Party that imports pygame.

The client holds no rules. It renders the view dicts the engine's ``view_for(actor)``
produces and the action spaces of ``legal_actions(actor)``, and sends action dicts
through a :class:`~game.client.connection.Connection` (a websocket to a server, or a
local in-process game with bots). Modules that do not draw (``info``, ``connection``,
``local``, ``model``) never import pygame, so they can be tested on their own.
"""
