"""The lessons' own logic, one module per lesson named like the lesson (overview, timeline,
treaty, troops, china, claims, exchange). May import the dataset layer and the lesson kit;
never the renderer."""
