"""The enrich stage: an article in, its entities and its alert hits out.

Where to start: :mod:`agents.enrich.stage` (the Faust stage, thin) calls :mod:`agents.enrich.analysis` (the pure
pipeline for one article). Everything below it is pure functions over the article's text; each module's docstring
says its one job. By what flows through them:

- the stage and its pure core: ``stage``, ``analysis``, ``classify`` (hits keyed for their story), ``evaluation``
  (measure a pack and the tiers against labelled cases);
- entities (who and what): ``entities`` (both tiers merged), the gazetteer tier ``gazetteer``, ``gazetteer_cache``,
  ``places``, ``region_heads`` (a province named with its head noun: "Bryansk region"), ``spellings``,
  ``body_names``, ``credit_lines``; the model-free name tier ``name_spans``, ``name_heads``, ``name_neighbours``,
  ``coreference``, ``given_names``, ``east_asian_names``, ``acronyms``; the optional statistical tier ``nlp``;
- the text as the rules read it: ``text``, ``sentences``, ``patterns``, ``inflect``, ``timex`` (times resolved
  against the publication date);
- the rules (does the article report an event, done, now?): ``rulepack`` (the YAML schema), ``rules`` (gates and
  the candidate loop; its docstring gives the steps), then by step: ``article_view``, ``trigger_pairs`` (trigger and
  object), ``trigger_phrase``, ``asides``, ``clauses``, ``context_cues`` and ``modal_scope`` (negative context),
  ``candidate_guards`` (the candidate's stages) with ``told_ahead``, ``descriptions``, ``carrier_verb``, ``earlier_events``,
  ``event_time``, ``commemorations`` (an older event retold on its day), ``live_lines``, ``other_senses``,
  ``suborbital``;
- the event of a hit (who did what to what, where, with what outcome, when): ``events``, ``launcher_roles``,
  ``outcome_scope`` (whose outcome an outcome word tells: this event's, an earlier one's, a period's),
  ``qualifiers`` (one alert per event), ``one_launch`` (one launch reported as two topics).
"""
