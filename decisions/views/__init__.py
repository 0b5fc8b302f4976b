"""Pages of the decisions app (SPEC §5, §6), by audience:

- ``public``: the decisions register and the decision page, for proposals whose agenda
  item is public (Proposal.objects.public()); anything else is a 404;
- ``member``: the rounds awaiting the member's position, and the page that records one
  (as member, designated deputy or delegate: decisions.access.seat_capacity decides);
- ``officer``: put a proposal from an agenda item and run it through the state machine
  (decisions.states): each step is offered only from a status it may start from, and a
  refused step comes back as a form error with status 400.

Every view has one shape: decorators → access → form → one action → redirect.
"""
