# Shortcuts for the commands in tasks.py (which work without make, on any system with Python 3.11).
.PHONY: lab test browser bench outputs figures check zip

lab:
	python3 tasks.py lab

test:
	python3 tasks.py test

browser:
	python3 tasks.py browser

bench:
	python3 tasks.py bench

outputs:
	python3 tasks.py outputs

figures:
	python3 tasks.py figures

check:
	python3 tasks.py check

zip:
	python3 tasks.py zip
