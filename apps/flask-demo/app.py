"""The dynoform example app: a small Flask service backed by Postgres and Redis."""
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/")
def index():
    return jsonify(
        service="flask-demo",
        environment=os.environ.get("FLASK_ENV", "development"),
        database=bool(os.environ.get("DATABASE_URL")),
        cache=bool(os.environ.get("REDIS_URL")),
    )


@app.get("/healthz")
def healthz():
    return "ok"
