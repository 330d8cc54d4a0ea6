using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Events already recorded take this migration's transaction id, so the feed gives them first, in id order.
            migrationBuilder.AddColumn<long>(
                name: "transaction_id",
                table: "audit_events",
                type: "bigint",
                nullable: false,
                defaultValueSql: "pg_current_xact_id()::text::bigint"
            );

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_feed",
                table: "audit_events",
                columns: new[] { "transaction_id", "id" },
                filter: "recommendation_id IS NOT NULL"
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_audit_events_feed", table: "audit_events");

            migrationBuilder.DropColumn(name: "transaction_id", table: "audit_events");
        }
    }
}
