from imr_etl.cli import app

app(prog_name="imr-etl")
