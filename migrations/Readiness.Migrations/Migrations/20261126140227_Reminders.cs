using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_notifications_state_created_at", table: "notifications");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_until",
                table: "notifications",
                type: "timestamp with time zone",
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "line",
                table: "notifications",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: ""
            );

            migrationBuilder.AddColumn<string>(
                name: "link",
                table: "notifications",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: ""
            );

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                table: "notifications",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0))
            );

            migrationBuilder.AddColumn<string>(
                name: "recipient_name",
                table: "notifications",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: ""
            );

            migrationBuilder.AddColumn<DateOnly>(name: "subject_date", table: "notifications", type: "date", nullable: true);

            migrationBuilder.CreateIndex(name: "ix_notifications_created_at", table: "notifications", column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_state_next_attempt_at",
                table: "notifications",
                columns: new[] { "state", "next_attempt_at" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_notifications_created_at", table: "notifications");

            migrationBuilder.DropIndex(name: "ix_notifications_state_next_attempt_at", table: "notifications");

            migrationBuilder.DropColumn(name: "lease_until", table: "notifications");

            migrationBuilder.DropColumn(name: "line", table: "notifications");

            migrationBuilder.DropColumn(name: "link", table: "notifications");

            migrationBuilder.DropColumn(name: "next_attempt_at", table: "notifications");

            migrationBuilder.DropColumn(name: "recipient_name", table: "notifications");

            migrationBuilder.DropColumn(name: "subject_date", table: "notifications");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_state_created_at",
                table: "notifications",
                columns: new[] { "state", "created_at" }
            );
        }
    }
}
