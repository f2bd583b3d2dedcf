# The demo's targets for the real lab (kind + containerlab + Cilium + Coil + BIRD), as thin calls into
# the harness: the same plan the kind fabric's `npm test` runs (`make plan` prints it). Run as root, as
# containerlab needs; see README.md for the requirements.
.PHONY: doctor build-bird deploy destroy reload test plan

# Can this machine run the real lab? Each check that fails says how to fix it.
doctor:
	npx lab kind doctor

build-bird:
	npx lab kind build-bird

deploy:
	npx lab kind deploy

destroy:
	npx lab kind destroy

reload: destroy deploy

# The conformance specs on the lab `make deploy` left up.
test:
	LAB_FABRIC=kind LAB_REUSE=1 npx vitest run --project conformance

plan:
	npx lab kind plan
