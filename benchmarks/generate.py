"""Write N synthetic IDM summaries: ``python benchmarks/generate.py N DIR [--seed S]``."""

from idm_graph.interfaces.synthetic import main

if __name__ == "__main__":
    main()
