"""alliance: the data layer and notebook tools of alliance-notebooks.

Kept free of heavy imports: `import alliance` must stay fast (the report runner checks
fingerprints without loading pandas). Import submodules where needed:
`from alliance import data`.
"""
__version__ = "0.1.0"
